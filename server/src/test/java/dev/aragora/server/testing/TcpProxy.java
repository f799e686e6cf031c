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
 * A TCP relay on a fixed local port to another local port, that a test can cut ({@link #stop}: the
 * port refuses and open connections drop, as when a server goes away) and restore ({@link #start}).
 * Used to take Redis away from the code under test without touching the machine's Redis.
 */
public final class TcpProxy implements AutoCloseable {
  private final int target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;
  private volatile boolean frozen;

  public TcpProxy(int target) {
    this.target = target;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    start();
  }

  public int port() {
    return port;
  }

  /** Accepts connections again and relays them. */
  public synchronized void start() {
    if (listener != null) return;
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
      Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(socket));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + port, e);
    }
  }

  /** Refuses new connections and drops the open ones. */
  public synchronized void stop() {
    ServerSocket current = listener;
    listener = null;
    if (current != null) closeQuietly(current);
    for (Socket s : sockets) closeQuietly(s);
    sockets.clear();
  }

  /**
   * Stops relaying but keeps every connection open, as across a network partition: what either
   * side sends meanwhile waits, and arrives after {@link #thaw} if its connection is still open.
   */
  public void freeze() {
    frozen = true;
  }

  public void thaw() {
    frozen = false;
  }

  @Override
  public void close() {
    thaw();
    stop();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(server);
        if (listener != socket) {
          closeQuietly(client);
          closeQuietly(server);
          return;
        }
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        while (frozen) Thread.sleep(10);
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
