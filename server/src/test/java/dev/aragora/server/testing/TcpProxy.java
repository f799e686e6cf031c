package dev.aragora.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port to another address, which a test can take {@link #down()}
 * (connections are cut and new ones refused, as when a database server stops) and bring back
 * {@link #up()} on the same port. It lets a test make the shared PostgreSQL unreachable for one
 * server without stopping it for everyone else.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final int port;
  private ServerSocket listener;

  private TcpProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** Listens on a free loopback port and forwards each connection to {@code host:port}. */
  public static TcpProxy start(String host, int port) throws IOException {
    return new TcpProxy(new InetSocketAddress(host, port), listen(0));
  }

  public int port() {
    return port;
  }

  /** Stops listening (connections are refused) and cuts every forwarded connection. */
  public synchronized void down() {
    closeQuietly(listener);
    listener = null;
    for (Socket socket : sockets) closeQuietly(socket);
    sockets.clear();
  }

  /** Listens again on the same port. */
  public synchronized void up() throws IOException {
    if (listener != null) return;
    listener = listen(port);
    accept(listener);
  }

  @Override
  public void close() {
    down();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return server;
  }

  private void accept(ServerSocket server) {
    Thread.ofVirtual().name("tcp-proxy-accept").start(() -> {
      while (!server.isClosed()) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException e) {
          return; // closed by down()
        }
        Socket upstream = new Socket();
        try {
          upstream.connect(target, 5_000);
        } catch (IOException e) {
          closeQuietly(client);
          closeQuietly(upstream);
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (server.isClosed()) { // down() ran meanwhile and did not see these two
          closeQuietly(client);
          closeQuietly(upstream);
          continue;
        }
        pump(client, upstream);
        pump(upstream, client);
      }
    });
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual().name("tcp-proxy-pump").start(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed or was cut; close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    });
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) return;
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
