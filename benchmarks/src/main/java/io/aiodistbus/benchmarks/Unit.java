package io.aiodistbus.benchmarks;

import java.util.Locale;

/** How a figure is printed. */
public enum Unit {

	/** Operations or events per second. */
	PER_SECOND {
		@Override
		String format(double value) {
			if (value >= 1e6) {
				return String.format(Locale.ROOT, "%.2f M/s", value / 1e6);
			}
			return String.format(Locale.ROOT, "%.1f k/s", value / 1e3);
		}
	},

	/** Microseconds. */
	MICROS {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f us", value);
		}
	},

	/** Microseconds of CPU per event: small, so with decimals. */
	CPU_MICROS {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.2f us", value);
		}
	},

	/** Mebibytes. */
	MIB {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.1f MiB", value);
		}
	},

	/** Kibibytes. */
	KIB {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.1f KiB", value);
		}
	},

	/** Bytes. */
	BYTES {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f B", value);
		}
	},

	/** A plain count. */
	COUNT {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
	},

	/** A ratio of two figures. */
	RATIO {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.2fx", value);
		}
	};

	abstract String format(double value);

	/** @return the value printed, or a dash when it was not measured */
	public String print(double value) {
		return Double.isNaN(value) ? "-" : format(value);
	}
}
