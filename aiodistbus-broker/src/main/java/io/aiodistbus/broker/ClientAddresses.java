package io.aiodistbus.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of the broker's clients, read from the kernel's table of TCP connections
 * ({@code /proc/net/tcp} and {@code tcp6}, Linux only): each client holds one connection to a publish
 * port, P+1 for Python's format and P+3 for the native one. The broker itself counts connections
 * but does not name them; this names them without touching its sockets.
 */
final class ClientAddresses {

	private static final Path TCP = Path.of("/proc/net/tcp");

	private static final Path TCP6 = Path.of("/proc/net/tcp6");

	private static final String ESTABLISHED = "01";

	private ClientAddresses() {
	}

	/**
	 * @param pythonPort the broker's publish port for Python's format (P+1)
	 * @param nativePort its publish port for the native format (P+3)
	 * @return the connected clients, or empty where the kernel's table cannot be read (not Linux)
	 */
	static Optional<List<Client>> read(int pythonPort, int nativePort) {
		if (!Files.isReadable(TCP)) {
			return Optional.empty();
		}
		List<Client> clients = new ArrayList<>();
		try {
			read(TCP, pythonPort, nativePort, clients);
			if (Files.isReadable(TCP6)) {
				read(TCP6, pythonPort, nativePort, clients);
			}
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		clients.sort((a, b) -> a.address().compareTo(b.address()));
		return Optional.of(clients);
	}

	private static void read(Path table, int pythonPort, int nativePort, List<Client> clients) throws IOException {
		List<String> lines = Files.readAllLines(table);
		for (String line : lines.subList(1, lines.size())) {
			// sl local_address rem_address st ...
			String[] fields = line.trim().split("\\s+");
			if (fields.length < 4 || !fields[3].equals(ESTABLISHED)) {
				continue;
			}
			int localPort = port(fields[1]);
			if (localPort == pythonPort || localPort == nativePort) {
				clients.add(new Client(address(fields[2]), (localPort == nativePort) ? "native" : "python"));
			}
		}
	}

	private static int port(String hostAndPort) {
		return Integer.parseInt(hostAndPort.substring(hostAndPort.indexOf(':') + 1), 16);
	}

	/** The kernel writes each 32-bit word of the address in host (little-endian) order. */
	static String address(String hostAndPort) throws UnknownHostException {
		String hex = hostAndPort.substring(0, hostAndPort.indexOf(':'));
		byte[] bytes = new byte[hex.length() / 2];
		for (int word = 0; word < bytes.length / 4; word++) {
			for (int i = 0; i < 4; i++) {
				int at = (word * 4 + (3 - i)) * 2;
				bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
			}
		}
		InetAddress address = InetAddress.getByAddress(bytes);
		String host = address.getHostAddress();
		int port = port(hostAndPort);
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/**
	 * @param address the client's address and port, as the broker sees it
	 * @param wireFormat {@code native} or {@code python}, from the port it subscribed on
	 */
	record Client(String address, String wireFormat) {
	}

}
