package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.hostile.ScriptedImapServer.Answer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rapport status} against IMAP servers that misbehave, each scripted on loopback: silence, a
 * byte at a time, gigantic literals and counts, malformed answers, a STATUS that fails on every
 * folder. Each case runs the CLI in a child JVM with a 256 MB heap and a short IMAP deadline
 * ({@code RAPPORT_IMAP_DEADLINE}, the test's stand-in for the 30 s default: 3 s where the deadline
 * is what ends the case), and must end with exit 2 and one line that says what the server did. No
 * case asserts how long it took, only that it ended.
 */
class HostileImapTest {
  private static final String PASSWORD = "pw-Hx7-hostile";

  @TempDir Path dir;

  /** One misbehaviour: how the server is scripted, and what the one line must contain. */
  record Case(String name, Consumer<ScriptedImapServer> script, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Answer lines(String... lines) {
    return (t, l, o) -> ScriptedImapServer.send(o, lines);
  }

  private static Answer tagged(String before, String status) {
    return (t, l, o) -> ScriptedImapServer.send(o, before, t + " " + status);
  }

  private static void trickle(OutputStream o, String start)
      throws java.io.IOException, InterruptedException {
    o.write(start.getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    while (true) {
      Thread.sleep(300);
      o.write('x');
      o.flush();
    }
  }

  /**
   * The IMAP deadline for a case: 3 s where the deadline is what must end it; otherwise 10 s, so
   * that on a loaded machine a cap (the 9 MB line over TLS) is reached before the deadline strikes.
   */
  private static String deadline(Case c) {
    return c.expected().contains("did not finish") ? "3" : "10";
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "silent, never greets",
            s -> s.on("GREETING", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish the login within 3 s"),
        new Case(
            "greets, then never answers CAPABILITY",
            s -> s.on("CAPABILITY", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish the login within 3 s"),
        new Case(
            "trickles one byte at a time after * CAPABILITY",
            s -> s.on("CAPABILITY", (t, l, o) -> trickle(o, "* CAPABILITY IMAP4rev1 ")),
            "did not finish the login within 3 s"),
        new Case(
            "trickles the greeting",
            s -> s.on("GREETING", (t, l, o) -> trickle(o, "* OK ")),
            "did not finish the login within 3 s"),
        new Case(
            "never answers LOGIN",
            s -> s.on("LOGIN", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish the login within 3 s"),
        new Case(
            "never answers LIST",
            s -> s.on("LIST", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish the folder list within 3 s"),
        new Case(
            "never answers EXAMINE",
            s -> s.on("EXAMINE", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish EXAMINE of INBOX within 3 s"),
        new Case(
            "never answers FETCH",
            s -> s.on("FETCH", (t, l, o) -> ScriptedImapServer.hang()),
            "did not finish FETCH in INBOX within 3 s"),
        new Case(
            "trickles a FETCH answer",
            s -> s.on("FETCH", (t, l, o) -> trickle(o, "* 1 FETCH (UID 1 FLAGS (")),
            "did not finish FETCH in INBOX within 3 s"),
        new Case(
            "a literal of 999999999 bytes in CAPABILITY",
            s -> s.on("CAPABILITY", lines("* CAPABILITY {999999999}")),
            "announced a literal of 999999999 bytes"),
        new Case(
            "a literal of 2147483647 bytes in CAPABILITY",
            s -> s.on("CAPABILITY", lines("* CAPABILITY {2147483647}")),
            "announced a literal of 2147483647 bytes"),
        new Case(
            "a literal of 2^64 bytes in LIST",
            s -> s.on("LIST", lines("* LIST () \"/\" {18446744073709551616}")),
            "announced a literal of 18446744073709551616 bytes"),
        new Case(
            "a literal of 999999999 bytes in FETCH",
            s -> s.on("FETCH", lines("* 1 FETCH (UID 1 BODY[HEADER] {999999999}")),
            "announced a literal of 999999999 bytes"),
        new Case(
            "2147483647 EXISTS",
            s -> s.on("EXAMINE", tagged("* 2147483647 EXISTS", "OK [READ-ONLY] done")),
            "a message number that is negative or past"),
        new Case(
            "999999999999 EXISTS",
            s -> s.on("EXAMINE", tagged("* 999999999999 EXISTS", "OK [READ-ONLY] done")),
            "a message number that is negative or past"),
        new Case(
            "a line of 9 MB without an end",
            s ->
                s.on(
                    "CAPABILITY",
                    (t, l, o) -> {
                      o.write("* CAPABILITY ".getBytes(StandardCharsets.US_ASCII));
                      byte[] x = new byte[1 << 20];
                      java.util.Arrays.fill(x, (byte) 'A');
                      for (int i = 0; i < 9; i++) {
                        o.write(x);
                      }
                      o.flush();
                      ScriptedImapServer.hang();
                    }),
            "a line of more than 8 MB"),
        new Case(
            "STATUS fails on every folder",
            s ->
                s.on(
                    "STATUS",
                    (t, l, o) -> ScriptedImapServer.send(o, t + " NO [SERVERBUG] cannot")),
            "could not read any of the 2 folders on 127.0.0.1; the first: INBOX: STATUS failed: NO [SERVERBUG] cannot"),
        new Case(
            "malformed FETCH answers",
            s ->
                s.on(
                    "FETCH",
                    tagged("* 1 FETCH (UID one FLAGS \\Seen BODY[HEADER.FIELDS ((", "OK done")),
            "could not read any of the 2 folders"),
        new Case(
            "FETCH of nothing but BAD",
            s -> s.on("FETCH", (t, l, o) -> ScriptedImapServer.send(o, t + " BAD what")),
            "could not read any of the 2 folders"),
        new Case(
            "BYE at the greeting",
            s ->
                s.on(
                    "GREETING",
                    (t, l, o) -> {
                      ScriptedImapServer.send(o, "* BYE too many connections");
                      throw new java.io.IOException("closed");
                    }),
            "too many connections"),
        new Case(
            "not an IMAP server (HTTP)",
            s ->
                s.on(
                    "GREETING",
                    (t, l, o) -> {
                      ScriptedImapServer.send(
                          o, "HTTP/1.1 400 Bad Request", "Content-Length: 0", "");
                      throw new java.io.IOException("closed");
                    }),
            "127.0.0.1"),
        new Case(
            "binary garbage greeting",
            s ->
                s.on(
                    "GREETING",
                    (t, l, o) -> {
                      o.write(new byte[] {0, (byte) 0xff, 0x1b, '[', '3', '1', 'm', '\r', '\n'});
                      o.flush();
                      ScriptedImapServer.hang();
                    }),
            "127.0.0.1"),
        new Case(
            "closes during FETCH",
            s ->
                s.on(
                    "FETCH",
                    (t, l, o) -> {
                      o.write("* 1 FETCH (UID 1".getBytes(StandardCharsets.US_ASCII));
                      o.flush();
                      throw new java.io.IOException("closed");
                    }),
            "was lost"),
        new Case(
            "LOGIN refused",
            s ->
                s.on(
                    "LOGIN",
                    (t, l, o) -> ScriptedImapServer.send(o, t + " NO [AUTHENTICATIONFAILED] no")),
            "127.0.0.1"),
        new Case(
            "STATUS fails in C1 controls and Latin-1",
            s ->
                s.on(
                    "STATUS",
                    (t, l, o) ->
                        ScriptedImapServer.send(
                            o, t + " NO [SERVERBUG] refus\u00e9 \u009b31m\u0085\u00ad")),
            "STATUS failed: NO [SERVERBUG] refus\u00e9 \\u009B31m\\u0085\\u00AD"),
        new Case(
            "negative EXISTS",
            s -> s.on("EXAMINE", tagged("* -5 EXISTS", "OK [READ-ONLY] done")),
            "a message number that is negative or past"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(120)
  void statusAgainstAHostileServerEndsWithOneLine(Case c) throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      c.script().accept(server);
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", deadline(c)),
                  "status",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z")
              .withinContract();
      System.out.println(c.name() + " -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(2, r.exit, r::toString);
      assertTrue(r.firstErrLine().startsWith("rapport: "), r::toString);
      assertTrue(
          r.firstErrLine().contains(c.expected()), () -> "expected '" + c.expected() + "' in " + r);
      assertFalse(
          r.err.chars().anyMatch(ch -> ch >= 0x80 && ch <= 0x9f || ch == 0xad),
          () -> "a C1 control or soft hyphen printed raw: " + r);
      assertFalse(r.err.contains(PASSWORD) || r.out.contains(PASSWORD), r::toString);
    }
  }

  /**
   * A server that answers everything and then trickles its goodbye. LOGOUT: what was read is
   * reported, exit 0, the connection cut at the deadline. CLOSE of the first folder: the deadline
   * names it, exit 2, since the folders after it cannot be read.
   */
  @ParameterizedTest(name = "status, then {0} trickles")
  @org.junit.jupiter.params.provider.CsvSource({
    "LOGOUT, 0, ''",
    "CLOSE, 2, rapport: 127.0.0.1:PORT did not finish CLOSE of INBOX within 3 s"
  })
  @Timeout(120)
  void aGoodbyeThatTricklesHoldsNothingUp(String command, int exit, String error) throws Exception {
    ScriptedMailbox mailbox = new ScriptedMailbox();
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: kim@uni.edu",
        "Subject: Observership",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000");
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      server.on(command, (t, l, o) -> trickle(o, "* BYE see you "));
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", "3"),
                  "status",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z",
                  "--format",
                  "json")
              .withinContract();
      System.out.println(command + " trickles -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(exit, r.exit, r::toString);
      if (exit == 0) {
        assertTrue(r.out.contains("\"AWAITING_REPLY\""), r::toString);
        assertEquals("", r.err, r::toString);
      } else {
        assertTrue(
            r.firstErrLine().startsWith(error.replace("PORT", String.valueOf(server.port()))),
            r::toString);
      }
    }
  }

  /**
   * The text of a sent message is read (to tell whether it asks something) after every header: a
   * server that trickles that FETCH is named for it, each FETCH with its own deadline.
   */
  @org.junit.jupiter.api.Test
  @Timeout(120)
  void aTrickledFetchOfASentTextIsNamed() throws Exception {
    ScriptedMailbox mailbox = new ScriptedMailbox();
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: kim@uni.edu",
        "Subject: Observership",
        "Date: Fri, 20 Feb 2026 09:00:00 +0000");
    mailbox.add(
        "INBOX",
        "Message-ID: <re-1@uni.edu>",
        "In-Reply-To: <obs-1@example.org>",
        "From: kim@uni.edu",
        "To: Amara Obi <amara@example.org>",
        "Subject: Re: Observership",
        "Date: Sun, 22 Feb 2026 09:00:00 +0000");
    // Our latest message to someone who has replied: its text is read.
    mailbox.add(
        "Sent",
        "Message-ID: <obs-2@example.org>",
        "In-Reply-To: <re-1@uni.edu>",
        "From: Amara Obi <amara@example.org>",
        "To: kim@uni.edu",
        "Subject: Re: Observership",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000");
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      Answer honest = mailbox.fetch();
      server.on(
          "FETCH",
          (t, l, o) -> {
            if (l.contains("BODYSTRUCTURE")) {
              trickle(o, "* 2 FETCH (UID 2 BODYSTRUCTURE (");
            }
            honest.answer(t, l, o);
          });
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", "3"),
                  "status",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z")
              .withinContract();
      System.out.println("a sent text trickles -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(2, r.exit, r::toString);
      assertTrue(
          r.firstErrLine()
              .startsWith(
                  "rapport: 127.0.0.1:"
                      + server.port()
                      + " did not finish FETCH of the structure of sent messages in Sent within 3 s"),
          r::toString);
    }
  }

  /**
   * One folder the server will not give: what was read is reported, and so is the folder that was
   * not (exit 0), rather than a silent gap.
   */
  @org.junit.jupiter.api.Test
  @Timeout(120)
  void aFolderThatCannotBeReadIsNamedWhileTheRestIsReported() throws Exception {
    ScriptedMailbox mailbox = new ScriptedMailbox();
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: kim@uni.edu",
        "Subject: Observership",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000");
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      Answer honest = mailbox.status();
      server.on(
          "STATUS",
          (t, l, o) -> {
            if (l.contains(" INBOX ")) {
              ScriptedImapServer.send(o, t + " NO [SERVERBUG] cannot");
            } else {
              honest.answer(t, l, o);
            }
          });
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", "3"),
                  "status",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z",
                  "--format",
                  "json")
              .withinContract();
      System.out.println("one folder unreadable -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(0, r.exit, r::toString);
      assertTrue(r.out.contains("\"AWAITING_REPLY\""), r::toString);
      assertTrue(
          r.firstErrLine()
              .contains("cannot read folder INBOX: STATUS failed: NO [SERVERBUG] cannot"),
          r::toString);
    }
  }

  /** The caps and the deadline must hold on the decrypted stream of an imaps connection too. */
  static Stream<Case> tlsCases() {
    return cases()
        .filter(
            c ->
                c.name().equals("a literal of 999999999 bytes in CAPABILITY")
                    || c.name().equals("2147483647 EXISTS")
                    || c.name().startsWith("trickles one")
                    || c.name().equals("a literal of 999999999 bytes in FETCH")
                    || c.name().equals("a line of 9 MB without an end")
                    || c.name().equals("trickles a FETCH answer")
                    || c.name().equals("negative EXISTS"));
  }

  @TempDir static Path pkiDir;
  private static TestPki pki;
  private static Path serverStore;

  private static synchronized javax.net.ssl.SSLContext tls() throws Exception {
    if (pki == null) {
      pki = new TestPki(pkiDir.resolve("pki"), "Hostile Test CA");
      serverStore = pki.server("localhost", "dns:localhost,ip:127.0.0.1", null, 10);
    }
    return TestPki.context(serverStore);
  }

  @ParameterizedTest(name = "imaps: {0}")
  @MethodSource("tlsCases")
  @Timeout(120)
  void statusOverImapsAgainstAHostileServerEndsWithOneLine(Case c) throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(tls())) {
      c.script().accept(server);
      java.nio.file.Files.createDirectories(dir.resolve(".config/rapport"));
      java.nio.file.Files.writeString(
          dir.resolve(".config/rapport/rapport.toml"),
          "[[accounts]]\nimap = \""
              + server.url()
              + "\"\n[accounts.tls]\ncaFile = \""
              + pki.caPem
              + "\"\n");
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", deadline(c)),
                  "status",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z")
              .withinContract();
      System.out.println("imaps: " + c.name() + " -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(2, r.exit, r::toString);
      assertTrue(r.firstErrLine().startsWith("rapport: "), r::toString);
      assertTrue(
          r.firstErrLine().contains(c.expected()), () -> "expected '" + c.expected() + "' in " + r);
      assertFalse(r.err.contains(PASSWORD) || r.out.contains(PASSWORD), r::toString);
    }
  }

  static Stream<Case> watchCases() {
    return cases()
        .filter(
            c ->
                c.name().startsWith("silent")
                    || c.name().startsWith("trickles one")
                    || c.name().contains("999999999 bytes in CAPABILITY")
                    || c.name().equals("2147483647 EXISTS")
                    || c.name().startsWith("never answers FETCH")
                    || c.name().startsWith("LOGIN refused")
                    || c.name().startsWith("STATUS fails in C1"));
  }

  @ParameterizedTest(name = "watch --once: {0}")
  @MethodSource("watchCases")
  @Timeout(120)
  void watchOnceAgainstAHostileServerEndsWithOneLine(Case c) throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      c.script().accept(server);
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", deadline(c)),
                  "watch",
                  "--once",
                  "--imap",
                  server.url(),
                  "--now",
                  "2026-03-01T12:00:00Z")
              .withinContract();
      System.out.println(
          "watch --once: " + c.name() + " -> exit " + r.exit + ": " + r.firstErrLine());
      assertEquals(2, r.exit, r::toString);
      assertTrue(r.firstErrLine().startsWith("rapport: "), r::toString);
      String hostPort = server.url().substring(server.url().lastIndexOf('@') + 1);
      assertEquals(
          r.firstErrLine().indexOf(hostPort),
          r.firstErrLine().lastIndexOf(hostPort),
          () -> "the host twice: " + r);
      assertFalse(
          r.err.chars().anyMatch(ch -> ch >= 0x80 && ch <= 0x9f || ch == 0xad),
          () -> "a C1 control or soft hyphen printed raw: " + r);
      assertFalse(r.err.contains(PASSWORD) || r.out.contains(PASSWORD), r::toString);
    }
  }
}
