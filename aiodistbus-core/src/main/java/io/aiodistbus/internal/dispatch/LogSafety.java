package io.aiodistbus.internal.dispatch;

/**
 * Text from the wire, made safe for a log line: control characters escaped (a peer must not forge
 * log lines with a newline in an event type) and length capped.
 */
public final class LogSafety {

	private static final int MAX = 200;

	private LogSafety() {
	}

	/**
	 * @param text untrusted text, may be {@code null}
	 * @return the text with control characters as {@code \\uXXXX}, cut to 200 characters
	 */
	public static String safe(String text) {
		if (text == null) {
			return "?";
		}
		StringBuilder out = null;
		int length = Math.min(text.length(), MAX);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				if (out == null) {
					out = new StringBuilder(length + 16).append(text, 0, i);
				}
				out.append(String.format("\\u%04x", (int) c));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		String result = (out != null) ? out.toString() : text.substring(0, length);
		return (text.length() > MAX) ? result + "..." : result;
	}
}
