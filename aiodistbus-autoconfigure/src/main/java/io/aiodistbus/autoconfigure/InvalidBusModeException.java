package io.aiodistbus.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.aiodistbus.autoconfigure.AiodistbusProperties.Mode;

/**
 * Thrown at start-up when {@code aiodistbus.mode} names no mode.
 */
final class InvalidBusModeException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String value;

	InvalidBusModeException(String value, Throwable cause) {
		super(OnBusModeCondition.PROPERTY + " is '" + value + "'; it must be one of " + validModes(), cause);
		this.value = value;
	}

	/** @return the configured value */
	String value() {
		return this.value;
	}

	/** @return the valid modes as they are written in the configuration */
	static String validModes() {
		return Arrays.stream(Mode.values())
			.map((mode) -> mode.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

}
