package io.aiodistbus.broker;

/**
 * The live page (placeholder until the page of its own lands).
 */
final class LivePage {

	private LivePage() {
	}

	static String html() {
		return "<!DOCTYPE html><html><head><title>aiodistbus broker</title></head><body>"
				+ "<p>See <a href=\"/stats\">/stats</a>, <a href=\"/metrics\">/metrics</a>.</p></body></html>";
	}

}
