package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyProxyTest {
  private EchoServer echo;
  private FaultyProxy proxy;

  @BeforeEach
  void startEchoAndProxy() throws IOException {
    echo = new EchoServer();
    proxy = FaultyProxy.start(DovecotServer.HOST, echo.port());
  }

  @AfterEach
  void stopAll() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void forwardsBothWaysAndCountsConnections() throws Exception {
    try (Socket a = connect();
        Socket b = connect()) {
      assertEquals("one", roundTrip(a, "one"));
      assertEquals("two", roundTrip(b, "two"));
      assertEquals(2, proxy.connectionCount());
      assertEquals(2, proxy.openConnections());
    }
    assertTrue(proxy.awaitConnections(2, Duration.ofSeconds(1)));
    assertFalse(proxy.awaitConnections(3, Duration.ofMillis(50)));
  }

  @Test
  void forwardsLargeTransfersIntact() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    try (Socket s = connect()) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  s.getOutputStream().write(big);
                } catch (IOException e) {
                  // The assertion below reports it.
                }
              });
      writer.start();
      byte[] back = s.getInputStream().readNBytes(big.length);
      writer.join();
      assertArrayEquals(big, back);
    }
  }

  @Test
  void cutAllResetsEveryOpenConnectionButAcceptsNewOnes() throws Exception {
    try (Socket a = connect();
        Socket b = connect()) {
      roundTrip(a, "hello");
      proxy.cutAll();
      for (Socket s : List.of(a, b)) {
        IOException e =
            assertThrows(
                IOException.class,
                () -> {
                  s.getOutputStream().write('x');
                  if (s.getInputStream().read() < 0) {
                    throw new SocketException("closed");
                  }
                });
        assertTrue(e instanceof SocketException, e.toString());
      }
      assertEquals(0, proxy.openConnections());
    }
    try (Socket c = connect()) {
      assertEquals("again", roundTrip(c, "again"));
    }
    assertEquals(3, proxy.connectionCount());
  }

  @Test
  void stallKeepsSocketsOpenButSilentUntilResumed() throws Exception {
    try (Socket s = connect()) {
      roundTrip(s, "before");
      proxy.stall(FaultyProxy.Direction.BOTH);
      s.getOutputStream().write("held\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertEquals(1, proxy.openConnections());
      assertEquals(0, echo.received("held"), "the server got nothing");
      proxy.resume();
      s.setSoTimeout(5000);
      assertEquals("held", readLine(s.getInputStream()));
    }
  }

  @Test
  void stallOfOneDirectionLetsTheOtherFlow() throws Exception {
    try (Socket s = connect()) {
      proxy.stall(FaultyProxy.Direction.DOWNSTREAM);
      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(echo.awaitReceived("ping", Duration.ofSeconds(5)), "upstream still flows");
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.resume();
      proxy.stall(FaultyProxy.Direction.UPSTREAM);
      s.setSoTimeout(5000);
      assertEquals("ping", readLine(s.getInputStream()), "the held echo arrives");
      s.getOutputStream().write("pong\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertEquals(0, echo.received("pong"));
    }
  }

  @Test
  void stallAppliesToNewConnectionsToo() throws Exception {
    proxy.stall(FaultyProxy.Direction.BOTH);
    try (Socket s = connect()) {
      s.getOutputStream().write("new\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.resume();
      s.setSoTimeout(5000);
      assertEquals("new", readLine(s.getInputStream()));
    }
  }

  @Test
  void latencyDelaysEveryChunk() throws Exception {
    try (Socket s = connect()) {
      proxy.latency(Duration.ofMillis(150));
      long start = System.nanoTime();
      roundTrip(s, "slow");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMs >= 300, "two hops of 150 ms, took " + elapsedMs + " ms");
      proxy.latency(Duration.ZERO);
      assertEquals("fast", roundTrip(s, "fast"));
    }
  }

  @Test
  void refuseNewRejectsConnectionsUntilAcceptNew() throws Exception {
    try (Socket open = connect()) {
      roundTrip(open, "accepted"); // Connected past the backlog, which closing the listener resets.
      proxy.refuseNew();
      assertThrows(ConnectException.class, this::connect);
      assertEquals("still", roundTrip(open, "still"), "open connections go on");
      proxy.acceptNew();
      try (Socket again = connect()) {
        assertEquals("back", roundTrip(again, "back"));
      }
    }
    assertEquals(2, proxy.connectionCount());
  }

  @Test
  void unreachableServerResetsTheClient() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(DovecotServer.HOST))) {
      deadPort = s.getLocalPort();
    }
    try (FaultyProxy toNowhere = FaultyProxy.start(DovecotServer.HOST, deadPort);
        Socket s = new Socket(DovecotServer.HOST, toNowhere.port())) {
      s.setSoTimeout(5000);
      assertThrows(
          SocketException.class,
          () -> {
            if (s.getInputStream().read() < 0) {
              throw new SocketException("closed");
            }
          });
    }
  }

  @Test
  void closeEndsEveryThread() throws Exception {
    Socket a = connect();
    Socket b = connect();
    roundTrip(a, "x");
    proxy.stall(FaultyProxy.Direction.BOTH);
    b.getOutputStream().write(new byte[256 * 1024]); // Fills the queues: readers block on put.
    String prefix = "faulty-proxy-" + proxy.port() + "-";
    assertTrue(
        Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix)));
    proxy.close();
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()));
    assertThrows(ConnectException.class, this::connect);
    a.close();
    b.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(DovecotServer.HOST, proxy.port()), 2000);
    s.setSoTimeout(5000);
    return s;
  }

  private static String roundTrip(Socket s, String line) throws IOException {
    s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return readLine(s.getInputStream());
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.append((char) c);
    }
    return b.toString();
  }

  /** Echoes every byte back and remembers the lines it saw. */
  private static final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread acceptor;

    EchoServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getByName(DovecotServer.HOST));
      acceptor = new Thread(this::accept, "echo-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    long received(String line) {
      return lines.stream().filter(line::equals).count();
    }

    boolean awaitReceived(String line, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lines) {
        while (received(line) == 0) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            return false;
          }
          lines.wait(left);
        }
      }
      return true;
    }

    private void accept() {
      while (true) {
        try {
          Socket s = server.accept();
          clients.add(s);
          Thread t = new Thread(() -> echo(s), "echo");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void echo(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[8192];
        StringBuilder line = new StringBuilder();
        int n;
        while ((n = in.read(buf)) >= 0) {
          bytes.addAndGet(n);
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              synchronized (lines) {
                lines.add(line.toString());
                lines.notifyAll();
              }
              line.setLength(0);
            } else if (line.length() < 100) {
              line.append((char) buf[i]);
            }
          }
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        // Client gone.
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : clients) {
        s.close();
      }
    }
  }
}
