package io.aiodistbus.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw ZMTP 3.0 bytes an attacker sends, from plain TCP sockets, and a fake broker on three
 * consecutive ports that answers a client with them.
 */
final class HostileZmtp {

	private HostileZmtp() {
	}

	/**
	 * @param mechanism {@code NULL} or {@code CURVE}
	 * @param asServer the greeting's as-server flag
	 * @return the 64-byte ZMTP 3.0 greeting
	 */
	static byte[] greeting(String mechanism, boolean asServer) {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(name, 0, greeting, 12, name.length);
		greeting[32] = (byte) (asServer ? 1 : 0);
		return greeting;
	}

	/** @return a long command frame header (flags {@code 0x06}) announcing the given 64-bit size */
	static byte[] longFrameHeader(long size) {
		return ByteBuffer.allocate(9).put((byte) 0x06).putLong(size).array();
	}

	/**
	 * Connects to the port, sends the bytes and waits (up to 10 s) for the peer to drop the connection,
	 * so that the peer has processed them.
	 * @return whether the peer dropped the connection in time
	 */
	static boolean sendAndAwaitDrop(int port, byte[]... parts) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			for (byte[] part : parts) {
				out.write(part);
			}
			out.flush();
			return drained(socket.getInputStream());
		}
	}

	/**
	 * Sends each message on a connection of its own, all at once, then waits (up to 10 s in all) for the
	 * peer to drop them; JeroMQ leaves a connection that stopped in the middle of its NULL handshake
	 * open.
	 * @return how many the peer dropped in time
	 */
	static int sendAllAndAwaitDrops(int[] ports, byte[][] messages) throws IOException {
		Socket[] sockets = new Socket[messages.length];
		try {
			for (int i = 0; i < messages.length; i++) {
				sockets[i] = new Socket(InetAddress.getLoopbackAddress(), ports[i]);
				sockets[i].setSoTimeout(10_000);
				sockets[i].getOutputStream().write(messages[i]);
				sockets[i].getOutputStream().flush();
			}
			long deadline = System.nanoTime() + 10_000_000_000L;
			int dropped = 0;
			for (Socket socket : sockets) {
				long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
				socket.setSoTimeout((int) Math.min(left, 10_000));
				dropped += drained(socket.getInputStream()) ? 1 : 0;
			}
			return dropped;
		}
		finally {
			for (Socket socket : sockets) {
				if (socket != null) {
					socket.close();
				}
			}
		}
	}

	private static boolean drained(InputStream in) throws IOException {
		byte[] buffer = new byte[4096];
		try {
			while (in.read(buffer) >= 0) {
				// whatever the peer sends
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// a reset is a drop too
			return true;
		}
	}

	/**
	 * A fake broker on three consecutive loopback ports. The first {@code hostileConnections}
	 * connections to each port get a ZMTP greeting and a frame header announcing {@code size} bytes;
	 * later ones are piped to the same port offset of a real broker, if there is one.
	 */
	static final class Broker implements AutoCloseable {

		private final ServerSocket[] servers = new ServerSocket[4];

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private final AtomicInteger[] accepted = { new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
				new AtomicInteger() };

		private final byte[] hostileBytes;

		private final int hostileConnections;

		private final int targetPort;

		/**
		 * @param size the frame size announced
		 * @param hostileConnections how many connections per port get the hostile bytes
		 * @param targetPort the real broker's handshake port, or 0 for none
		 */
		Broker(long size, int hostileConnections, int targetPort) throws IOException {
			ByteBuffer bytes = ByteBuffer.allocate(73).put(greeting("NULL", true)).put(longFrameHeader(size));
			this.hostileBytes = bytes.array();
			this.hostileConnections = hostileConnections;
			this.targetPort = targetPort;
			bind();
			for (int offset = 0; offset < 4; offset++) {
				int index = offset;
				start(() -> accept(index));
			}
		}

		private void bind() throws IOException {
			for (int attempt = 0; attempt < 50; attempt++) {
				ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				try {
					this.servers[1] = new ServerSocket(first.getLocalPort() + 1, 50, InetAddress.getLoopbackAddress());
					this.servers[2] = new ServerSocket(first.getLocalPort() + 2, 50, InetAddress.getLoopbackAddress());
					this.servers[3] = new ServerSocket(first.getLocalPort() + 3, 50, InetAddress.getLoopbackAddress());
					this.servers[0] = first;
					return;
				}
				catch (IOException ex) {
					first.close();
					for (int i = 1; i < 4; i++) {
						if (this.servers[i] != null) {
							this.servers[i].close();
							this.servers[i] = null;
						}
					}
				}
			}
			throw new IOException("no four consecutive free ports");
		}

		int port() {
			return this.servers[0].getLocalPort();
		}

		/** @return how many connections the port with this offset accepted */
		int accepted(int offset) {
			return this.accepted[offset].get();
		}

		private void accept(int offset) {
			try {
				while (true) {
					Socket socket = this.servers[offset].accept();
					this.sockets.add(socket);
					if (this.accepted[offset].incrementAndGet() <= this.hostileConnections || this.targetPort == 0) {
						start(() -> hostile(socket));
					}
					else {
						Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort + offset);
						this.sockets.add(target);
						start(() -> pipe(socket, target));
						start(() -> pipe(target, socket));
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private void hostile(Socket socket) {
			try (socket) {
				socket.getOutputStream().write(this.hostileBytes);
				socket.getOutputStream().flush();
				socket.getInputStream().transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				// the client dropped us
			}
		}

		private static void pipe(Socket from, Socket to) {
			try {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

		private static void start(Runnable task) {
			Thread thread = new Thread(task, "hostile-broker");
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void close() throws IOException {
			for (ServerSocket server : this.servers) {
				if (server != null) {
					server.close();
				}
			}
			this.sockets.forEach(Broker::closeQuietly);
		}
	}
}
