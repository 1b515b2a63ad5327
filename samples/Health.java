import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Prints a URL's body; the demo uses it so that it needs no curl. Run as {@code java Health.java URL}. */
public class Health {

	public static void main(String[] args) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofString());
		System.out.println(response.statusCode() + " " + response.body());
	}
}
