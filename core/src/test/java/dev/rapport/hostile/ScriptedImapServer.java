package dev.rapport.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hostile IMAP server on loopback: a minimal honest server (greeting, CAPABILITY, LOGIN, LIST,
 * STATUS, EXAMINE, FETCH, LOGOUT) any of whose answers a test replaces with misbehaviour — silence,
 * a byte at a time, a gigantic literal, an absurd message count, malformed FETCH. One thread per
 * connection; {@link #close()} ends them all.
 */
final class ScriptedImapServer implements AutoCloseable {

  /**
   * Answers one command (or the greeting, as command {@code GREETING}); return normally to go on.
   */
  interface Answer {
    void answer(String tag, String line, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile boolean closed;
  private final java.util.Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final java.util.Set<Thread> workers = ConcurrentHashMap.newKeySet();

  private final boolean tls;

  /** The command line answered before the one being answered, on this connection's thread. */
  private static final ThreadLocal<String> PREVIOUS = ThreadLocal.withInitial(() -> "");

  ScriptedImapServer() throws IOException {
    this(null);
  }

  /**
   * A server speaking implicit TLS (imaps) with this context's key and certificate, or plain IMAP
   * for {@code null}.
   */
  ScriptedImapServer(javax.net.ssl.@org.jspecify.annotations.Nullable SSLContext tlsContext)
      throws IOException {
    tls = tlsContext != null;
    server =
        tlsContext == null
            ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
            : tlsContext
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    answers.put("GREETING", (t, l, o) -> send(o, "* OK scripted server ready"));
    answers.put("CAPABILITY", (t, l, o) -> send(o, "* CAPABILITY IMAP4rev1", t + " OK done"));
    answers.put("LOGIN", (t, l, o) -> send(o, t + " OK logged in"));
    answers.put(
        "LIST",
        (t, l, o) -> {
          if (l.contains("\"\" \"\"")) {
            send(o, "* LIST (\\Noselect) \"/\" \"\"", t + " OK done");
          } else {
            send(o, "* LIST () \"/\" INBOX", "* LIST () \"/\" Sent", t + " OK done");
          }
        });
    answers.put(
        "STATUS",
        (t, l, o) -> {
          String folder = l.split(" ")[2];
          send(o, "* STATUS " + folder + " (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 7)", t + " OK done");
        });
    answers.put(
        "EXAMINE",
        (t, l, o) ->
            send(
                o,
                "* 2 EXISTS",
                "* 0 RECENT",
                "* OK [UIDVALIDITY 7] ok",
                "* OK [UIDNEXT 3] ok",
                t + " OK [READ-ONLY] done"));
    answers.put("FETCH", (t, l, o) -> send(o, t + " OK done"));
    answers.put("LOGOUT", (t, l, o) -> send(o, "* BYE bye", t + " OK done"));
    acceptor = new Thread(this::accept, "scripted-imap");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Replaces the answer to a command (upper-case name; {@code GREETING}; {@code DONE}, the line
   * that ends an IDLE).
   */
  ScriptedImapServer on(String command, Answer a) {
    answers.put(command, a);
    return this;
  }

  int port() {
    return server.getLocalPort();
  }

  String url() {
    return (tls ? "imaps" : "imap") + "://amara@127.0.0.1:" + port();
  }

  static void send(OutputStream o, String... lines) throws IOException {
    for (String l : lines) {
      o.write((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    o.flush();
  }

  /**
   * The line of the command this connection answered before the one being answered now ({@code ""}
   * for the first): lets an answer tell a client's sequences apart, such as a sync's STATUS after
   * another folder's STATUS from a STATUS on its own.
   */
  static String previousLine() {
    return PREVIOUS.get();
  }

  /** Never answers again, while keeping the connection open. */
  static void hang() throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        connections.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-imap-conn");
        t.setDaemon(true);
        workers.add(t);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      OutputStream out = s.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      answers.get("GREETING").answer("*", "", out);
      String line;
      String previous = "";
      while (!closed && (line = in.readLine()) != null) {
        if (line.equalsIgnoreCase("DONE")) {
          // The end of an IDLE: untagged, so it goes to whoever answers DONE.
          Answer done = answers.get("DONE");
          if (done != null) {
            done.answer("*", line, out);
          }
          continue;
        }
        String[] w = line.split(" ", 3);
        if (w.length < 2) {
          continue;
        }
        String cmd = w[1].toUpperCase(Locale.ROOT);
        if (cmd.equals("UID") && w.length > 2) {
          cmd = w[2].split(" ")[0].toUpperCase(Locale.ROOT);
        }
        Answer a = answers.getOrDefault(cmd, (t, l, o) -> send(o, t + " OK done"));
        PREVIOUS.set(previous);
        a.answer(w[0], line, out);
        previous = line;
        if (cmd.equals("LOGOUT")) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, or the test ended.
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    acceptor.interrupt();
    for (Socket s : connections) {
      s.close();
    }
    for (Thread t : workers) {
      t.interrupt();
    }
  }
}
