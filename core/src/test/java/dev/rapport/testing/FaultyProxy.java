package dev.rapport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, which a test can break at chosen moments: cut
 * every connection ({@link #cutAll()}, a reset), stall forwarding while keeping sockets open like a
 * NAT that silently drops packets ({@link #stall(Direction)}, {@link #resume()}), add latency
 * ({@link #latency(Duration)}), refuse new connections ({@link #refuseNew()}, {@link
 * #acceptNew()}). It counts connections, and {@link #awaitConnections(int, Duration)} lets a test
 * wait for a client to (re)connect without sleeping.
 *
 * <pre>{@code
 * try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, dovecot.port())) {
 *   // point the code under test at proxy.port(), then:
 *   proxy.stall(FaultyProxy.Direction.BOTH);   // the watcher must notice on its own
 *   proxy.cutAll();                            // and reconnect
 *   assertTrue(proxy.awaitConnections(2, Duration.ofSeconds(10)));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Uses daemon threads (an acceptor, and two per direction per connection), all
 * ended and joined by {@link #close()}.
 */
public final class FaultyProxy implements AutoCloseable {

  /** Which way bytes flow. */
  public enum Direction {
    /** Client to server. */
    UPSTREAM,
    /** Server to client. */
    DOWNSTREAM,
    /** Both ways. */
    BOTH
  }

  private static final int CHUNK = 16 * 1024;
  private static final int QUEUED_CHUNKS = 16;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
  private static final byte[] EOF = new byte[0];

  private final InetSocketAddress target;
  private final Object lock = new Object();
  private final Set<Connection> connections = new HashSet<>();
  private final Set<Thread> threads = new HashSet<>();
  private final int port;
  private ServerSocket listener;
  private @Nullable Thread acceptor;
  private boolean stallUp;
  private boolean stallDown;
  private long latencyNanos;
  private int accepted;
  private boolean closed;

  private FaultyProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
  }

  /** Starts a proxy on a free 127.0.0.1 port forwarding to {@code host:port}. */
  public static FaultyProxy start(String host, int port) {
    try {
      FaultyProxy proxy = new FaultyProxy(new InetSocketAddress(host, port), bind(0));
      proxy.startAcceptor();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a proxy", e);
    }
  }

  /** The proxy's address (always 127.0.0.1). */
  public String host() {
    return DovecotServer.HOST;
  }

  /**
   * The port clients connect to; stays the same across {@link #refuseNew()}/{@link #acceptNew()}.
   */
  public int port() {
    return port;
  }

  /** Connections accepted since the start. */
  public int connectionCount() {
    synchronized (lock) {
      return accepted;
    }
  }

  /** Connections currently forwarded (or stalled). */
  public int openConnections() {
    synchronized (lock) {
      return connections.size();
    }
  }

  /**
   * Waits until at least {@code count} connections have been accepted since the start.
   *
   * @return false if the timeout passed first
   */
  public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (accepted < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          return false;
        }
        waitNanos(left);
      }
      return true;
    }
  }

  /**
   * Resets every open connection at once on both sides (RST, as when a server or router dies);
   * bytes held by a stall are lost. New connections are still accepted.
   */
  public void cutAll() {
    List<Connection> all;
    synchronized (lock) {
      all = new ArrayList<>(connections);
    }
    for (Connection c : all) {
      c.abort();
    }
  }

  /**
   * Stops forwarding in a direction, for open and new connections alike, while every socket stays
   * open: the peers see silence, not an error. Bytes sent meanwhile are held (then TCP back
   * pressure) and delivered after {@link #resume()}, unless {@link #cutAll()} drops them.
   */
  public void stall(Direction direction) {
    synchronized (lock) {
      stallUp |= direction != Direction.DOWNSTREAM;
      stallDown |= direction != Direction.UPSTREAM;
      lock.notifyAll();
    }
  }

  /** Forwards again in both directions. */
  public void resume() {
    synchronized (lock) {
      stallUp = false;
      stallDown = false;
      lock.notifyAll();
    }
  }

  /** Delays every chunk of bytes by this much in each direction; {@link Duration#ZERO} to stop. */
  public void latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative latency");
    }
    synchronized (lock) {
      latencyNanos = delay.toNanos();
      lock.notifyAll();
    }
  }

  /**
   * Stops listening, so new connections are refused (ECONNREFUSED); open ones go on. Returns once
   * the port is really closed.
   */
  public void refuseNew() {
    Thread acceptorThread;
    synchronized (lock) {
      closeQuietly(listener);
      acceptorThread = acceptor;
    }
    // The kernel keeps the listening socket, and completes handshakes, until accept() returns.
    joinQuietly(acceptorThread);
  }

  /** Listens again on the same port after {@link #refuseNew()}. */
  public void acceptNew() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (!listener.isClosed()) {
        return;
      }
      try {
        listener = bind(port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on port " + port + " again", e);
      }
      startAcceptor();
    }
  }

  /** Stops listening, resets every connection and joins every thread. */
  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(listener);
      lock.notifyAll();
    }
    cutAll();
    synchronized (lock) {
      toJoin = new ArrayList<>(threads);
    }
    long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    for (Thread t : toJoin) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    List<String> alive = toJoin.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    if (!alive.isEmpty()) {
      throw new IllegalStateException("proxy threads did not end: " + alive);
    }
  }

  @Override
  public String toString() {
    return "FaultyProxy[127.0.0.1:" + port + " -> " + target + "]";
  }

  // ---------------------------------------------------------------- internals

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(DovecotServer.HOST), port), 50);
    return s;
  }

  private void startAcceptor() {
    ServerSocket server = listener;
    acceptor = spawn("accept", () -> acceptLoop(server));
  }

  private static void joinQuietly(@Nullable Thread t) {
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(JOIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop(ServerSocket server) {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // Listener closed by refuseNew() or close().
      }
      Connection c;
      synchronized (lock) {
        if (closed) {
          abortQuietly(client);
          return;
        }
        accepted++;
        c = new Connection(accepted, client);
        connections.add(c);
        lock.notifyAll();
      }
      spawn(c.id + "-connect", c::open);
    }
  }

  private Thread spawn(String role, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } finally {
                synchronized (lock) {
                  threads.remove(Thread.currentThread());
                }
              }
            },
            "faulty-proxy-" + port + "-" + role);
    t.setDaemon(true);
    synchronized (lock) {
      threads.add(t);
    }
    t.start();
    return t;
  }

  private void waitNanos(long nanos) throws InterruptedException {
    long millis = Math.max(1, nanos / 1_000_000);
    lock.wait(millis);
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  private static void abortQuietly(Socket s) {
    try {
      s.setSoLinger(true, 0); // close() then sends RST, not FIN.
    } catch (SocketException e) {
      // Already closed.
    }
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** One client connection and its upstream twin. */
  private final class Connection {
    final int id;
    final Socket client;
    final Socket upstream = new Socket();
    final List<Thread> pumps = new ArrayList<>();
    boolean aborted;
    int finished;

    Connection(int id, Socket client) {
      this.id = id;
      this.client = client;
    }

    void open() {
      try {
        upstream.connect(target, (int) CONNECT_TIMEOUT.toMillis());
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
      } catch (IOException e) {
        abort(); // The server is down: the client sees a reset, as through a real proxy.
        return;
      }
      synchronized (lock) {
        if (aborted) {
          return;
        }
        pump(client, upstream, true);
        pump(upstream, client, false);
      }
    }

    // Called with lock held.
    private void pump(Socket from, Socket to, boolean up) {
      BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
      String dir = up ? "up" : "down";
      pumps.add(spawn(id + "-" + dir + "-read", () -> read(from, queue)));
      pumps.add(spawn(id + "-" + dir + "-write", () -> write(to, queue, up)));
    }

    private void read(Socket from, BlockingQueue<Chunk> queue) {
      try {
        InputStream in = from.getInputStream();
        byte[] buf = new byte[CHUNK];
        while (true) {
          int n = in.read(buf);
          if (n < 0) {
            queue.put(new Chunk(EOF, System.nanoTime()));
            return;
          }
          queue.put(new Chunk(Arrays.copyOf(buf, n), System.nanoTime()));
        }
      } catch (IOException e) {
        abort();
      } catch (InterruptedException e) {
        abort();
      }
    }

    private void write(Socket to, BlockingQueue<Chunk> queue, boolean up) {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk c = queue.take();
          synchronized (lock) {
            while (true) {
              if (aborted) {
                return;
              }
              long due = c.readAt + latencyNanos - System.nanoTime();
              boolean stalled = up ? stallUp : stallDown;
              if (!stalled && due <= 0) {
                break;
              }
              waitNanos(stalled ? Long.MAX_VALUE / 2 : due);
            }
          }
          if (c.bytes == EOF) {
            to.shutdownOutput();
            finishedOneWay();
            return;
          }
          out.write(c.bytes);
          out.flush();
        }
      } catch (IOException e) {
        abort();
      } catch (InterruptedException e) {
        abort();
      }
    }

    private void finishedOneWay() {
      boolean both;
      synchronized (lock) {
        finished++;
        both = finished == 2;
      }
      if (both) {
        close(false);
      }
    }

    void abort() {
      close(true);
    }

    private void close(boolean reset) {
      List<Thread> toInterrupt;
      synchronized (lock) {
        if (aborted) {
          return;
        }
        aborted = true;
        connections.remove(this);
        toInterrupt = new ArrayList<>(pumps);
        lock.notifyAll();
      }
      if (reset) {
        abortQuietly(client);
        abortQuietly(upstream);
      } else {
        try {
          client.close();
          upstream.close();
        } catch (IOException e) {
          // Closing anyway.
        }
      }
      for (Thread t : toInterrupt) {
        if (t != Thread.currentThread()) {
          t.interrupt();
        }
      }
    }
  }

  private record Chunk(byte[] bytes, long readAt) {}
}
