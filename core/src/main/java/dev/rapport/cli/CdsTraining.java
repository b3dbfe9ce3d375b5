package dev.rapport.cli;

import dev.rapport.track.DeliveryReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs, at package time, the command lines whose classes the class-data archive of bin/rapport
 * should hold: {@code rapport lint} with text and with JSON output, on sample drafts, and {@code
 * rapport status} twice (a first read, then one with nothing changed) against {@link
 * ScriptedMailbox} on loopback (core/pom.xml, execution {@code cds-archive}; install.sh). One run
 * of the command line could only take one format. Not part of the command line; not thread-safe.
 */
final class CdsTraining {
  private CdsTraining() {}

  private static final String BOUNCE =
      "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>\r\n"
          + "To: training@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
          + "--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nUser unknown.\r\n"
          + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.org\r\n"
          + "\r\nFinal-Recipient: rfc822; lee@uni.example.edu\r\nAction: failed\r\nStatus: 5.1.1\r\n"
          + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <a@example.org>\r\n"
          + "--b--\r\n";

  /**
   * Lints {@code files} in each output format and reads a scripted mailbox, with no configuration
   * file, discarding the output.
   */
  public static void main(String[] files) throws IOException {
    // What Main.main reads and sets before it runs the command line.
    System.getenv().size();
    System.console();
    Main.useOwnDefaults();
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Path none = Path.of(System.getProperty("java.io.tmpdir"), "rapport-cds-training-no-config");
    Map<String, String> env = Map.of("HOME", none.toString(), "XDG_CONFIG_HOME", none.toString());
    for (String format : new String[] {"text", "json"}) {
      String[] args = new String[files.length + 2];
      args[0] = "lint";
      args[1] = "--format=" + format;
      System.arraycopy(files, 0, args, 2, files.length);
      Main.run(args, sink, sink, InputStream.nullInputStream(), env);
    }
    // A cold status parses every bounce's delivery report (MIME, Jakarta Activation), which the
    // scripted mailbox has none of.
    DeliveryReport.parse(BOUNCE.getBytes(StandardCharsets.US_ASCII), null);
    Path cache = Files.createTempDirectory("rapport-cds-training-");
    try (ScriptedMailbox box = new ScriptedMailbox()) {
      Map<String, String> status = new HashMap<>(env);
      status.put("XDG_CACHE_HOME", cache.toString());
      status.put("RAPPORT_PASSWORD", ScriptedMailbox.PASSWORD);
      String url = "imap://" + ScriptedMailbox.USER + "@127.0.0.1:" + box.port();
      for (String format : new String[] {"json", "text"}) {
        Main.run(
            new String[] {"status", "--imap", url, "--now", "2026-03-01", "--format", format},
            sink,
            sink,
            InputStream.nullInputStream(),
            status);
      }
    } finally {
      try (Stream<Path> all = Files.walk(cache)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * A two-folder mailbox (INBOX, and Sent by SPECIAL-USE) with one message and its reply, served by
   * answering each command of the one client there is from a script: only what {@code status}
   * sends, with canned answers. Training only, to load the classes a real read loads; it is no IMAP
   * server.
   */
  static final class ScriptedMailbox implements AutoCloseable {
    static final String USER = "training@example.org";
    static final String PASSWORD = "training";

    private static final String FIELDS =
        "BODY[HEADER.FIELDS (MESSAGE-ID IN-REPLY-TO REFERENCES FROM TO CC SUBJECT DATE)]";
    private static final String SENT =
        "Message-ID: <a@example.org>\r\nFrom: Training <training@example.org>\r\n"
            + "To: Dr. Lee <lee@uni.example.edu>\r\nSubject: Observership\r\n"
            + "Date: Mon, 5 Jan 2026 10:00:00 +0000\r\n\r\n";
    private static final String REPLY =
        "Message-ID: <r@uni.example.edu>\r\nIn-Reply-To: <a@example.org>\r\n"
            + "From: Dr. Lee <lee@uni.example.edu>\r\nTo: training@example.org\r\n"
            + "Subject: Re: Observership\r\nDate: Thu, 8 Jan 2026 10:00:00 +0000\r\n\r\n";

    private final ServerSocket server;
    private final Thread thread;

    ScriptedMailbox() throws IOException {
      server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "rapport-cds-training-imap");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.setSoTimeout(10_000);
          converse(s);
        } catch (IOException | UncheckedIOException e) {
          // Closed, or a client that went away: the training only loads classes.
        }
      }
    }

    private static void converse(Socket s) throws IOException {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      send(out, "* OK [CAPABILITY IMAP4rev1 SPECIAL-USE] training mailbox ready");
      String selected = "INBOX";
      for (String line; (line = in.readLine()) != null; ) {
        String[] w = line.split(" ", 3);
        if (w.length < 2) {
          continue;
        }
        String tag = w[0];
        String rest = w.length > 2 ? w[2] : "";
        String folder = rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1)) : rest;
        folder = folder.split(" ", 2)[0];
        String sent = folder.equals("Sent") ? "Sent" : "INBOX";
        switch (w[1].toUpperCase(Locale.ROOT)) {
          case "CAPABILITY" -> send(out, "* CAPABILITY IMAP4rev1 SPECIAL-USE");
          case "LIST" -> {
            send(out, "* LIST (\\HasNoChildren) \"/\" INBOX");
            send(out, "* LIST (\\HasNoChildren \\Sent) \"/\" Sent");
          }
          case "STATUS" -> send(out, "* STATUS " + sent + " (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7)");
          case "EXAMINE", "SELECT" -> {
            selected = sent;
            send(out, "* FLAGS (\\Seen)");
            send(out, "* 1 EXISTS");
            send(out, "* OK [UIDVALIDITY 7] ok");
            send(out, "* OK [UIDNEXT 2] ok");
            send(out, tag + " OK [READ-ONLY] done");
            continue;
          }
          case "FETCH", "UID" -> {
            String header = selected.equals("Sent") ? SENT : REPLY;
            send(
                out,
                "* 1 FETCH (UID 1 INTERNALDATE \"08-Jan-2026 10:00:00 +0000\" "
                    + FIELDS
                    + " {"
                    + header.length()
                    + "}");
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            send(out, ")");
          }
          case "LOGOUT" -> {
            send(out, "* BYE training over");
            send(out, tag + " OK done");
            return;
          }
          default -> {
            // LOGIN, NOOP, CLOSE, UNSELECT…: nothing to say but OK.
          }
        }
        send(out, tag + " OK done");
      }
    }

    private static void send(OutputStream out, String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
