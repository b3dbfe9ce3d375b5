package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.hostile.ScriptedImapServer.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rapport watch} as a running daemon (not {@code --once}) against a scripted server that
 * answers the first sync honestly and then, during a later resync (the periodic one, every second
 * here through the hidden {@code --resync}, or one that news on an IDLE connection asked for) or
 * the reconnection after it, trickles a byte every 2 s or stops answering mid-response. The read
 * timeout stays at its 60 s default, so only the command deadline ({@code RAPPORT_IMAP_DEADLINE=3})
 * can end such a command within the case's 30 s.
 *
 * <p>For each misbehaviour: one readable line on standard error that names the host once and says
 * what the server failed to finish (no stack trace, never the password); the daemon keeps running
 * (the contract: only an account unreadable at the start ends it), and once the server behaves
 * again it reconnects, reads the reply that arrived meanwhile and announces it exactly once, with
 * nothing repeated afterwards.
 */
class WatchResyncHostileTest {
  private static final String PASSWORD = "pw-Rs9-resync";
  private static final String NOW = "2026-03-01T12:00:00Z";
  private static final long CASE_SECONDS = ChildCli.BOUND_SECONDS;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private Process process;
  private final List<Thread> readers = new ArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private long caseDeadline;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * One misbehaviour, begun once the first sync is done.
   *
   * @param expected what the error line must say
   * @param replyArrivesWhileHostile whether the reply is filed (and, with IDLE, told) while the
   *     server misbehaves, so the server reports a message it then fails to deliver; otherwise it
   *     is filed just before the server behaves again
   * @param trigger what makes the watch resync
   * @param hostility makes the server misbehave, and returns what makes it behave again
   */
  record Case(
      String name,
      String expected,
      boolean replyArrivesWhileHostile,
      Trigger trigger,
      Hostility hostility) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What makes the watch resync. */
  enum Trigger {
    /** The periodic resync, every second here; the server has no IDLE. */
    RESYNC_EVERY_SECOND,
    /**
     * News on an IDLE connection ({@code * n EXISTS}); the periodic resync stays at its 10 minutes.
     */
    IDLE_NEWS
  }

  interface Hostility {
    /** Makes the server misbehave; returns what makes it behave again. */
    Runnable start(ScriptedImapServer server, ScriptedMailbox mailbox);
  }

  /** Writes {@code start}, then one more byte every 2 s, for ever. */
  private static void trickle(OutputStream o, String start)
      throws IOException, InterruptedException {
    o.write(start.getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    while (true) {
      Thread.sleep(2000);
      o.write('x');
      o.flush();
    }
  }

  /** Writes {@code start} and then nothing, keeping the connection open. */
  private static void stopMidway(OutputStream o, String start)
      throws IOException, InterruptedException {
    o.write(start.getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    ScriptedImapServer.hang();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "periodic resync: STATUS trickles a byte every 2 s",
            "did not finish STATUS of INBOX within 3 s",
            false,
            Trigger.RESYNC_EVERY_SECOND,
            (s, m) -> {
              s.on("STATUS", (t, l, o) -> trickle(o, "* STATUS INBOX (MESSAGES "));
              return () -> s.on("STATUS", m.status());
            }),
        new Case(
            "periodic resync: the folder list stops mid-answer",
            "did not finish the folder list within 3 s",
            false,
            Trigger.RESYNC_EVERY_SECOND,
            (s, m) -> {
              s.on("LIST", (t, l, o) -> stopMidway(o, "* LIST () \"/\" IN"));
              return () -> s.on("LIST", m.list());
            }),
        new Case(
            "periodic resync: FETCH of a reported reply stops mid-answer",
            "did not finish FETCH in INBOX within 3 s",
            true,
            Trigger.RESYNC_EVERY_SECOND,
            (s, m) -> {
              s.on("FETCH", (t, l, o) -> stopMidway(o, "* 1 FETCH (UID 1 BODY[HEADER"));
              return () -> s.on("FETCH", m.fetch());
            }),
        new Case(
            "periodic resync: FETCH of a reported reply trickles a byte every 2 s",
            "did not finish FETCH in INBOX within 3 s",
            true,
            Trigger.RESYNC_EVERY_SECOND,
            (s, m) -> {
              s.on("FETCH", (t, l, o) -> trickle(o, "* 1 FETCH (UID 1 "));
              return () -> s.on("FETCH", m.fetch());
            }),
        new Case(
            "reconnection after a resync the server ended: EXAMINE of the watched INBOX trickles",
            "did not finish EXAMINE of INBOX within 3 s",
            false,
            Trigger.RESYNC_EVERY_SECOND,
            (s, m) -> {
              AtomicBoolean once = new AtomicBoolean();
              Answer honest = m.status();
              s.on(
                  "STATUS",
                  (t, l, o) -> {
                    if (once.compareAndSet(false, true)) {
                      ScriptedImapServer.send(o, "* BYE going down for maintenance");
                      throw new IOException("closed");
                    }
                    honest.answer(t, l, o);
                  });
              // The resync after the reconnection finds nothing new, so only the INBOX watch
              // examines a folder.
              s.on("EXAMINE", (t, l, o) -> trickle(o, "* FLAGS (\\Seen"));
              return () -> s.on("EXAMINE", m.examine());
            }),
        new Case(
            "a resync on IDLE news: STATUS trickles a byte every 2 s",
            "did not finish STATUS of INBOX within 3 s",
            true,
            Trigger.IDLE_NEWS,
            (s, m) -> {
              s.on("STATUS", (t, l, o) -> trickle(o, "* STATUS INBOX (MESSAGES "));
              return () -> s.on("STATUS", m.status());
            }),
        new Case(
            "a resync on IDLE news: FETCH of the new reply stops mid-answer",
            "did not finish FETCH in INBOX within 3 s",
            true,
            Trigger.IDLE_NEWS,
            (s, m) -> {
              s.on("FETCH", (t, l, o) -> stopMidway(o, "* 1 FETCH (UID 1 BODY[HEADER"));
              return () -> s.on("FETCH", m.fetch());
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(60)
  void aResyncAgainstAServerThatStopsAnsweringFailsInTimeAndTheWatchRecovers(Case c)
      throws Exception {
    caseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
    ScriptedMailbox mailbox = new ScriptedMailbox();
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: Dr. Mina Kim <kim@uni.edu>",
        "Subject: Observership in stroke rehabilitation",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000",
        "Content-Type: text/plain; charset=UTF-8");
    boolean idle = c.trigger() == Trigger.IDLE_NEWS;
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      if (idle) {
        server.on(
            "CAPABILITY",
            (t, l, o) -> ScriptedImapServer.send(o, "* CAPABILITY IMAP4rev1 IDLE", t + " OK done"));
      }
      String hostPort = "127.0.0.1:" + server.port();
      start(server.url(), idle ? List.of() : List.of("--resync", "1s"));

      await(() -> events.size() >= 1, "the first sync's event");
      assertEquals(List.of("kim@uni.edu null->AWAITING_REPLY"), events);
      await(() -> count("watching INBOX, Sent") >= 1, "the watch to come up");
      assertEquals(
          idle ? 1 : 0, count("watching INBOX, Sent (IDLE)"), () -> "IDLE or not: " + stderr);

      int failuresBefore = count(c.expected());
      Runnable behave = c.hostility().start(server, mailbox);
      if (c.replyArrivesWhileHostile()) {
        reply(mailbox);
        if (idle) {
          mailbox.news();
        }
      }
      // Twice: the first failure of the resync, and the same again after a reconnection.
      await(() -> count(c.expected()) >= failuresBefore + 2, "'" + c.expected() + "' twice");
      assertTrue(process.isAlive(), "the daemon keeps running: " + stderr);
      assertEquals(1, events.size(), () -> "nothing announced while the server fails: " + events);

      if (!c.replyArrivesWhileHostile()) {
        reply(mailbox);
      }
      behave.run();
      await(() -> events.size() >= 2, "the reply, once the server behaves again");
      assertEquals(
          List.of("kim@uni.edu null->AWAITING_REPLY", "kim@uni.edu AWAITING_REPLY->REPLIED"),
          events);
      await(() -> count("watching INBOX, Sent") >= 2, "the watch to come up again");
      // More whole resyncs, seen from the server: the reply is not announced again.
      for (int i = 0; i < 3; i++) {
        int synced = mailbox.statusAnswered("Sent");
        if (idle) {
          mailbox.news();
        }
        await(() -> mailbox.statusAnswered("Sent") > synced, "another resync");
      }

      assertEquals(
          0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
      await(() -> !process.isAlive(), "SIGTERM to stop it");
      assertEquals(143, process.exitValue(), () -> "128 + SIGTERM; stderr: " + stderr);
      for (Thread r : readers) {
        r.join(5000); // they end at the end of the stream
      }
      assertEquals(
          List.of("kim@uni.edu null->AWAITING_REPLY", "kim@uni.edu AWAITING_REPLY->REPLIED"),
          events,
          () -> "each change exactly once; stderr: " + stderr);

      List<String> failures = stderr.stream().filter(l -> l.contains(c.expected())).toList();
      System.out.println(c.name() + " -> " + failures.get(0));
      for (String line : failures) {
        assertTrue(line.startsWith("rapport: amara@" + hostPort + ": "), line);
        assertEquals(line.indexOf(hostPort), line.lastIndexOf(hostPort), "the host once: " + line);
        assertTrue(line.matches(".*; trying again in ([0-9]{3} ms|1 s)"), line);
      }
      for (String line : stderr) {
        assertTrue(line.startsWith("rapport: "), () -> "a line that is not a message: " + stderr);
        assertFalse(
            line.contains("Exception") || line.contains("\tat ") || line.contains(PASSWORD),
            () -> "a stack trace or the password: " + stderr);
      }
      assertTrue(stderr.get(stderr.size() - 1).endsWith("stopping"), stderr::toString);
      assertTrue(stdout.stream().noneMatch(l -> l.contains(PASSWORD)), stdout::toString);
    }
  }

  /**
   * {@code watch --tag} writes keywords on its own connection, on a thread of its own: a server
   * that trickles the STORE is cut at the deadline, said in one line, and tried again; once it
   * behaves the tag is written.
   */
  @org.junit.jupiter.api.Test
  @Timeout(60)
  void aTagWriteThatTricklesIsCutAtTheDeadlineAndTriedAgain() throws Exception {
    caseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
    ScriptedMailbox mailbox = new ScriptedMailbox();
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: Dr. Mina Kim <kim@uni.edu>",
        "Subject: Observership in stroke rehabilitation",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000");
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      String stalled = "did not finish STORE in Sent within 3 s";
      server.on("STORE", (t, l, o) -> trickle(o, "* 1 FETCH (FLAGS (\\Seen "));
      start(server.url(), List.of("--resync", "1s", "--tag"));
      await(() -> events.size() >= 1, "the first sync's event");
      await(() -> count(stalled) >= 2, "'" + stalled + "' twice");
      assertTrue(process.isAlive(), "the daemon keeps running: " + stderr);
      server.on("STORE", (t, l, o) -> ScriptedImapServer.send(o, t + " OK stored"));
      await(() -> count("tags: 1 set") >= 1, "the tag, once the server behaves");
      assertEquals(List.of("kim@uni.edu null->AWAITING_REPLY"), events);

      assertEquals(
          0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
      await(() -> !process.isAlive(), "SIGTERM to stop it");
      assertEquals(143, process.exitValue(), () -> "128 + SIGTERM; stderr: " + stderr);
      for (Thread r : readers) {
        r.join(5000);
      }
      String line = stderr.stream().filter(l -> l.contains(stalled)).findFirst().orElseThrow();
      System.out.println("watch --tag, STORE trickles -> " + line);
      assertTrue(line.startsWith("rapport: amara@127.0.0.1:" + server.port() + ": "), line);
      assertTrue(line.contains("cannot write tags: "), line);
      for (String l : stderr) {
        assertTrue(l.startsWith("rapport: "), () -> "a line that is not a message: " + stderr);
        assertFalse(
            l.contains("Exception") || l.contains(PASSWORD),
            () -> "a stack trace or the password: " + stderr);
      }
    }
  }

  /**
   * Without NOTIFY, the folders no IDLE listens to ("Clinic" here) are asked their STATUS on the
   * sync connection every half second. A server that never answers that STATUS (it answers the
   * sync's own, after Sent's) makes one line at the deadline, each time, and the daemon goes on;
   * once it answers, a reply a filter filed into Clinic is announced exactly once, with no news on
   * IDLE and the resync at its 10 minutes: the check found it.
   */
  @org.junit.jupiter.api.Test
  @Timeout(60)
  void aFolderCheckTheServerNeverAnswersIsOneLineAndTheWatchGoesOn() throws Exception {
    caseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
    ScriptedMailbox mailbox = new ScriptedMailbox().folder("Clinic");
    mailbox.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: Dr. Mina Kim <kim@uni.edu>",
        "Subject: Observership in stroke rehabilitation",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000",
        "Content-Type: text/plain; charset=UTF-8");
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      server.on(
          "CAPABILITY",
          (t, l, o) -> ScriptedImapServer.send(o, "* CAPABILITY IMAP4rev1 IDLE", t + " OK done"));
      String hostPort = "127.0.0.1:" + server.port();
      start(server.url(), List.of("--check-folders", "500ms"));

      await(() -> events.size() >= 1, "the first sync's event");
      assertEquals(List.of("kim@uni.edu null->AWAITING_REPLY"), events);
      String up = "watching INBOX, Sent (IDLE); Clinic by STATUS every 500 ms";
      await(() -> count(up) >= 1, "the watch to come up, checking Clinic");
      int checked = mailbox.statusAnswered("Clinic");
      await(() -> mailbox.statusAnswered("Clinic") > checked + 1, "Clinic checked");

      // From now on a STATUS of Clinic is answered only as part of a sync (right after Sent's).
      AtomicBoolean hostile = new AtomicBoolean(true);
      Answer honest = mailbox.status();
      server.on(
          "STATUS",
          (t, l, o) -> {
            if (hostile.get()
                && l.contains(" Clinic ")
                && !ScriptedImapServer.previousLine().contains("STATUS Sent ")) {
              ScriptedImapServer.hang();
            }
            honest.answer(t, l, o);
          });
      String expected = "did not finish STATUS of Clinic within 3 s";
      // Twice: the check of the running session, and the first look of the next one.
      await(() -> count(expected) >= 2, "'" + expected + "' twice");
      assertTrue(process.isAlive(), "the daemon keeps running: " + stderr);
      assertEquals(1, events.size(), () -> "nothing announced while the server fails: " + events);

      hostile.set(false);
      int ups = count(up);
      await(() -> count(up) > ups, "the watch to come up again");
      // Two more answers about Clinic: the sync that follows the coming up is over, so only a
      // check (or the resync, in 10 minutes) can find what is filed from now on.
      int answered = mailbox.statusAnswered("Clinic");
      await(() -> mailbox.statusAnswered("Clinic") > answered + 1, "Clinic checked again");
      reply(mailbox, "Clinic"); // filed by a filter: no news on any IDLE connection
      await(() -> events.size() >= 2, "the reply in Clinic");
      assertEquals(
          List.of("kim@uni.edu null->AWAITING_REPLY", "kim@uni.edu AWAITING_REPLY->REPLIED"),
          events);
      for (int i = 0; i < 3; i++) {
        int before = mailbox.statusAnswered("Clinic");
        await(() -> mailbox.statusAnswered("Clinic") > before, "another check");
      }

      assertEquals(
          0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
      await(() -> !process.isAlive(), "SIGTERM to stop it");
      assertEquals(143, process.exitValue(), () -> "128 + SIGTERM; stderr: " + stderr);
      for (Thread r : readers) {
        r.join(5000);
      }
      assertEquals(
          List.of("kim@uni.edu null->AWAITING_REPLY", "kim@uni.edu AWAITING_REPLY->REPLIED"),
          events,
          () -> "each change exactly once; stderr: " + stderr);
      List<String> failures = stderr.stream().filter(l -> l.contains(expected)).toList();
      System.out.println("folder check, STATUS never answered -> " + failures.get(0));
      for (String line : failures) {
        assertTrue(line.startsWith("rapport: amara@" + hostPort + ": "), line);
        assertEquals(line.indexOf(hostPort), line.lastIndexOf(hostPort), "the host once: " + line);
        assertTrue(line.matches(".*; trying again in ([0-9]{3} ms|1 s)"), line);
      }
      for (String line : stderr) {
        assertTrue(line.startsWith("rapport: "), () -> "a line that is not a message: " + stderr);
        assertFalse(
            line.contains("Exception") || line.contains("\tat ") || line.contains(PASSWORD),
            () -> "a stack trace or the password: " + stderr);
      }
    }
  }

  private static void reply(ScriptedMailbox mailbox) {
    reply(mailbox, "INBOX");
  }

  private static void reply(ScriptedMailbox mailbox, String folder) {
    mailbox.add(
        folder,
        "Message-ID: <re-1@uni.edu>",
        "In-Reply-To: <obs-1@example.org>",
        "References: <obs-1@example.org>",
        "From: Dr. Mina Kim <kim@uni.edu>",
        "To: Amara Obi <amara@example.org>",
        "Subject: Re: Observership in stroke rehabilitation",
        "Date: Sat, 28 Feb 2026 16:00:00 +0000",
        "Content-Type: text/plain; charset=UTF-8");
  }

  private int count(String part) {
    return (int) stderr.stream().filter(l -> l.contains(part)).count();
  }

  /** Waits for {@code done} within what is left of the case's 30 s; fails saying what it was. */
  private void await(BooleanSupplier done, String what) throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > caseDeadline) {
        throw new AssertionError(
            "no " + what + " within " + CASE_SECONDS + " s; events " + events + "; " + stderr());
      }
      Thread.sleep(20);
    }
  }

  private String stderr() {
    return "stderr:\n" + String.join("\n", stderr);
  }

  private void start(String url, List<String> extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "watch", "--imap", url, "--format", "jsonl", "--now", NOW, "--retry-max", "1s"));
    args.addAll(extra);
    List<String> cmd = ChildCli.java(args.toArray(new String[0]));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RAPPORT_"));
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("RAPPORT_IMAP_DEADLINE", "3");
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    process = pb.start();
    readers.add(
        reader(
            () -> process.getInputStream(),
            line -> {
              stdout.add(line);
              JsonNode n = JSON.readTree(line);
              events.add(
                  n.get("contact").asText()
                      + " "
                      + (n.get("previous").isNull() ? "null" : n.get("previous").asText())
                      + "->"
                      + n.get("state").asText());
            }));
    readers.add(reader(() -> process.getErrorStream(), stderr::add));
  }

  interface LineSink {
    void accept(String line) throws IOException;
  }

  private static Thread reader(Supplier<java.io.InputStream> in, LineSink sink) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
