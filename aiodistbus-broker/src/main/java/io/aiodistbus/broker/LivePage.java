package io.aiodistbus.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The live page, {@code /}: one self-contained HTML file (no script or style from elsewhere) that
 * polls {@code /stats} every second for the clients, types with their rates and drops by reason, and
 * follows {@code /events} for the tail of a pattern ({@code /?pattern=chat.*} to start with one).
 */
final class LivePage {

	private static final String HTML = read();

	private LivePage() {
	}

	static String html() {
		return HTML;
	}

	private static String read() {
		try (InputStream in = LivePage.class.getResourceAsStream("live.html")) {
			if (in == null) {
				throw new IllegalStateException("live.html is missing from the broker's jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
