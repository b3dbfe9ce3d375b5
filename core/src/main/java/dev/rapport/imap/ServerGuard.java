package dev.rapport.imap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Protects a connection from a server that misbehaves (a one-off read; a watcher's sync connection;
 * its IDLE connections, outside IDLE): a deadline on the login and on each command (a read timeout
 * restarts with every byte, so a server trickling one byte every few seconds would otherwise hold a
 * read for ever), and limits on what the server may announce before Angus acts on it (a literal of
 * a gigabyte is allocated whole; a folder of 2^31 messages overflows arrays).
 *
 * <p>The deadline cuts the connection's sockets from a timer thread; the limits are checked on the
 * bytes as they arrive, decrypted on a TLS connection (the TLS socket's own input is checked, never
 * the ciphertext below it). What went wrong is kept in {@link #violation()}, so the caller can say
 * it instead of "the connection was lost".
 *
 * <p>Thread-safe.
 */
final class ServerGuard {
  /** The largest literal accepted: headers and the first KB of a text are all a read asks for. */
  static final long MAX_LITERAL = 16L * 1024 * 1024;

  /**
   * The largest message number or count accepted in an untagged answer: Angus sizes its message
   * cache by EXISTS (about 12 bytes a slot), so 10 million is already 120 MB.
   */
  static final long MAX_COUNT = 10_000_000L;

  /**
   * The longest line accepted outside literals (a SEARCH of a big folder runs to a few hundred KB).
   */
  static final long MAX_LINE = 8L * 1024 * 1024;

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "rapport-imap-deadline");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  private final String server;
  private final Duration deadline;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile @Nullable String violation;
  private volatile boolean tripped;
  private @Nullable ScheduledFuture<?> timer;

  ServerGuard(String server, Duration deadline) {
    this.server = server;
    this.deadline = deadline;
  }

  /** Whether {@link #trip()} was called. */
  boolean tripped() {
    return tripped;
  }

  /** What the server did that ended the connection, or {@code null}. */
  @Nullable String violation() {
    return violation;
  }

  /**
   * Starts (or restarts) the deadline for {@code what}, such as "the login" or "STATUS of INBOX".
   */
  synchronized void arm(String what) {
    disarm();
    long seconds = Math.max(1, deadline.toSeconds());
    timer =
        TIMER.schedule(
            () ->
                fail(
                    server
                        + " did not finish "
                        + what
                        + " within "
                        + seconds
                        + " s; it answers too slowly or not at all"),
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Stops the deadline. */
  synchronized void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /**
   * Cuts the connection now, without blaming the server (its owner closes it); a socket created
   * afterwards is closed at once. A thread blocked in Angus's IDLE ignores read timeouts, and any
   * other thread that asks the folder for something waits for that IDLE to end: closing the sockets
   * underneath is the one thing that always unblocks both.
   */
  void trip() {
    disarm();
    tripped = true;
    cut();
  }

  private void fail(String why) {
    if (violation == null) {
      violation = why;
    }
    cut();
  }

  private void cut() {
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0);
      } catch (SocketException | RuntimeException e) {
        // Not connected or closed already.
      }
      try {
        s.close();
      } catch (IOException | RuntimeException e) {
        // Closed already.
      }
    }
  }

  /** Raised on the reading thread when the server announced more than is accepted. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private Socket register(Socket s) {
    sockets.add(s);
    if (violation != null || tripped) {
      cut();
    }
    return s;
  }

  /** Sockets for an unencrypted connection (or one that starts TLS later), their input checked. */
  SocketFactory plain() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return register(new Checked());
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
      }
    };
  }

  /**
   * The TLS factory: registers its sockets for the deadline; a plain socket it wraps stops being
   * checked.
   */
  SSLSocketFactory tls(@Nullable SSLSocketFactory delegate) {
    return new ForwardingSslSocketFactory(delegate) {
      @Override
      Socket made(Socket s) {
        return decrypted(s);
      }

      @Override
      void beforeLayering(Socket plain) {
        if (plain instanceof Checked c) {
          c.encrypted = true; // what passes below TLS is ciphertext, not IMAP
        }
        register(plain);
      }
    };
  }

  /**
   * Registers a TLS socket for the deadline and checks the IMAP it decrypts, as {@link Checked}
   * does for a plain one.
   */
  private Socket decrypted(Socket s) {
    register(s);
    return s instanceof SSLSocket ssl
        ? new GuardedSslSocket(ssl, in -> new Scanner(in, () -> false))
        : s;
  }

  /** A socket whose input is checked line by line until TLS is layered on it. */
  private final class Checked extends Socket {
    volatile boolean encrypted;
    private @Nullable InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Scanner(super.getInputStream(), () -> encrypted);
      }
      return in;
    }
  }

  /**
   * Follows the IMAP grammar just enough: the start of each line outside literals, and a literal's
   * announced size {@code {N}} at the end of a line, whose N bytes are then skipped unread. Stops
   * checking once {@code stopped} is true (TLS was layered on a plain socket: what passes is
   * ciphertext).
   */
  private final class Scanner extends FilterInputStream {
    private final java.util.function.BooleanSupplier stopped;
    private final StringBuilder head = new StringBuilder(); // the first bytes of the current line
    private long literalLeft;
    private long lineLength;
    // The last TAIL bytes of the current line, a ring: tailEnd is where the next byte goes.
    private static final int TAIL = 32;
    private final char[] tail = new char[TAIL];
    private int tailEnd;
    private int tailLength;

    Scanner(InputStream in, java.util.function.BooleanSupplier stopped) {
      super(in);
      this.stopped = stopped;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && !stopped.getAsBoolean()) {
        see((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && !stopped.getAsBoolean()) {
        int i = 0;
        while (i < n) {
          if (literalLeft > 0) {
            // A literal's bytes (most of a sync's: the header blocks) are only counted, as see()
            // would count them one by one.
            int skip = (int) Math.min(literalLeft, n - i);
            literalLeft -= skip;
            i += skip;
          } else {
            see(b[off + i++]);
          }
        }
      }
      return n;
    }

    private void see(byte b) throws Refused {
      if (literalLeft > 0) {
        literalLeft--;
        return;
      }
      if (b == '\n') {
        endOfLine();
        return;
      }
      if (++lineLength > MAX_LINE) {
        refuse(
            "the server sent a line of more than "
                + (MAX_LINE >> 20)
                + " MB without an end ("
                + clip(head.toString())
                + ")");
      }
      if (head.length() < 64) {
        head.append((char) (b & 0xff));
      }
      tail[tailEnd] = (char) (b & 0xff);
      tailEnd = (tailEnd + 1) & (TAIL - 1);
      if (tailLength < TAIL) {
        tailLength++;
      }
    }

    private String tail() {
      int from = (tailEnd - tailLength + tail.length) % tail.length;
      if (from + tailLength <= tail.length) {
        return new String(tail, from, tailLength);
      }
      return new String(tail, from, tail.length - from) + new String(tail, 0, tailEnd);
    }

    private void endOfLine() throws Refused {
      String t = tail().stripTrailing();
      String h = head.toString();
      head.setLength(0);
      tailEnd = 0;
      tailLength = 0;
      lineLength = 0;
      // The patterns only where they can match: a sync sees two lines per message.
      java.util.regex.Matcher count = h.startsWith("* ") ? COUNT.matcher(h) : null;
      if (count != null
          && count.lookingAt()
          && (count.group(1).startsWith("-") || tooBig(count.group(1), MAX_COUNT))) {
        refuse(
            "the server sent '"
                + clip(h)
                + "': a message number that is negative or past "
                + MAX_COUNT);
      }
      java.util.regex.Matcher lit = t.endsWith("}") ? LITERAL.matcher(t) : null;
      if (lit != null && lit.find()) {
        if (tooBig(lit.group(1), MAX_LITERAL)) {
          refuse(
              "the server announced a literal of "
                  + lit.group(1)
                  + " bytes ("
                  + clip(h)
                  + "); Rapport reads at most "
                  + (MAX_LITERAL >> 20)
                  + " MB at once");
        }
        literalLeft = Long.parseLong(lit.group(1));
      }
    }

    private void refuse(String why) throws Refused {
      if (violation == null) {
        violation = server + ": " + why;
      }
      throw new Refused(violation);
    }
  }

  private static final java.util.regex.Pattern COUNT =
      java.util.regex.Pattern.compile("\\* (-?[0-9]+) [A-Za-z]");
  private static final java.util.regex.Pattern LITERAL =
      java.util.regex.Pattern.compile("\\{([0-9]+)\\+?\\}$");

  private static boolean tooBig(String digits, long max) {
    return digits.length() > 18 || Long.parseLong(digits) > max;
  }

  private static String clip(String line) {
    String one = line.replaceAll("\\p{Cntrl}", " ").strip();
    return one.length() > 40 ? one.substring(0, 40) + "…" : one;
  }
}
