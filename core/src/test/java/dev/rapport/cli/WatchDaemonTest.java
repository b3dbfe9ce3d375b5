package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.FaultyProxy;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import jakarta.mail.Flags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport watch} as a real process against a real Dovecot: events on stdout as mail arrives,
 * the server stopped and started under it, a connection cut, SIGTERM; no event missed, none twice,
 * and not one flag changed on the server.
 */
class WatchDaemonTest {

  private static final String USER = "nadia";
  private static final String PASSWORD = "Daemon-pw-4";
  private static final String ME = "Nadia Haddad <nadia@example.org>";
  private static final String NOW = "2026-03-01T12:00:00Z";
  private static final Instant T = Instant.parse(NOW);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).build();

  @TempDir Path home;

  private Process process;
  private final List<Thread> readers = new ArrayList<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static Mail ask(String to, Duration ago, String subject) {
    return Mail.from(ME)
        .to(to)
        .subject(subject)
        .date(T.minus(ago))
        .body("Could we talk for 15 minutes?")
        .build();
  }

  private void start(int port, String... extra) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.rapport.cli.Main",
                "watch",
                "--imap",
                "imap://" + USER + "@127.0.0.1:" + port,
                "--format",
                "jsonl",
                "--now",
                NOW,
                "--timeout",
                "2s",
                "--renew-idle",
                "1s",
                "--retry-max",
                "1s"));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    process = pb.start();
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  JsonNode n = JSON.readTree(line);
                  seen.add(n);
                  events.add(n);
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    Thread err =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  stderr.add(line);
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
    readers.add(out);
    readers.add(err);
  }

  private JsonNode next() throws InterruptedException {
    JsonNode n = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(
        n, "no event within " + WAIT + "; stderr: " + stderr + "; dovecot: " + dovecot.log());
    return n;
  }

  private boolean awaitStderr(String part) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (stderr.stream().anyMatch(l -> l.contains(part))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private List<String> maildirFiles() throws IOException {
    Path root = dovecot.maildirOf(USER);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getParent().getFileName().toString().matches("cur|new"))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static String line(JsonNode n) {
    return n.get("contact").asText()
        + " "
        + (n.get("previous").isNull() ? "null" : n.get("previous").asText())
        + "->"
        + n.get("state").asText();
  }

  @Test
  void eventsFlowAcrossAServerRestartAndSigtermStopsItWithinSeconds() throws Exception {
    Mail kim =
        ask("Dr. Mina Kim <kim@uni.edu>", Duration.ofDays(20), "Observership in stroke rehab");
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(dovecot.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
    }
    dovecot.start();
    List<String> untouched = maildirFiles();
    start(dovecot.port());
    assertEquals("kim@uni.edu null->FOLLOW_UP_DUE", line(next()));
    assertTrue(awaitStderr("watching INBOX (IDLE with NOTIFY: every folder)"), stderr.toString());

    // A reply arrives (written into the Maildir, as a delivery agent would): announced at once.
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(
          "INBOX",
          kim.reply("Dr. Mina Kim <kim@uni.edu>")
              .date(T.minus(Duration.ofDays(1)))
              .body("Happy to.")
              .build());
    }
    JsonNode replied = next();
    assertEquals("kim@uni.edu FOLLOW_UP_DUE->REPLIED", line(replied));

    // The server goes away; while it is down, the user sends a message elsewhere.
    dovecot.stop();
    assertTrue(awaitStderr("trying again"), stderr.toString());
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(
          dovecot.sentFolder(),
          ask("lee@uni.edu", Duration.ofHours(1), "Research elective"),
          new Flags(Flags.Flag.SEEN));
    }
    dovecot.start();
    assertEquals("lee@uni.edu null->AWAITING_REPLY", line(next()));
    List<String> written = maildirFiles();

    long t0 = System.nanoTime();
    // SIGTERM by kill(1): Process.destroy() would also close our end of its pipes and lose its last
    // words.
    assertEquals(
        0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
    assertTrue(process.waitFor(5, TimeUnit.SECONDS), "stopped within 5 s");
    long stoppedMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(143, process.exitValue(), "128 + SIGTERM; stderr: " + stderr);
    assertTrue(stoppedMs < 5000, stoppedMs + " ms");
    for (Thread r : readers) {
      r.join(2000); // they end at end of stream
    }
    assertEquals(
        List.of(
            "kim@uni.edu null->FOLLOW_UP_DUE",
            "kim@uni.edu FOLLOW_UP_DUE->REPLIED",
            "lee@uni.edu null->AWAITING_REPLY"),
        seen.stream().map(WatchDaemonTest::line).toList(),
        "each change exactly once");
    assertTrue(stderr.stream().anyMatch(l -> l.contains("stopping")), stderr.toString());
    assertTrue(
        stderr.stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")),
        stderr.toString());

    // Without --tag or --digest nothing on the server changed: not a flag, not a file.
    List<String> now = maildirFiles();
    assertTrue(now.containsAll(untouched), "seeded messages keep their names (and flags)");
    assertEquals(written, now);
  }

  /**
   * A server without NOTIFY (Dovecot told to offer IDLE but not NOTIFY): a reply a filter files
   * into "Clinic" is announced once, found by the STATUS check of the folders IDLE does not listen
   * to, with the periodic resync an hour away.
   */
  @Test
  void withoutNotifyAReplyFiledIntoAnotherFolderIsAnnouncedOnce() throws Exception {
    try (DovecotServer noNotify =
        DovecotServer.builder()
            .user(USER, PASSWORD)
            .filingFolders("Clinic")
            .setting(
                "imap_capability",
                "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ SPECIAL-USE UIDPLUS")
            .build()) {
      Mail kim = ask("kim@uni.edu", Duration.ofDays(20), "Observership in stroke rehab");
      Mail lee = ask("lee@uni.edu", Duration.ofDays(2), "Research elective");
      try (MaildirBuilder box = noNotify.maildir(USER)) {
        box.add(noNotify.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
        box.add(noNotify.sentFolder(), lee, new Flags(Flags.Flag.SEEN));
      }
      noNotify.start();
      start(noNotify.port(), "--resync", "1h", "--check-folders", "300ms");
      assertEquals(
          java.util.Set.of("kim@uni.edu null->FOLLOW_UP_DUE", "lee@uni.edu null->AWAITING_REPLY"),
          java.util.Set.of(line(next()), line(next())));
      assertTrue(
          awaitStderr(
              "watching INBOX, "
                  + noNotify.sentFolder()
                  + ", "
                  + noNotify.junkFolder()
                  + " (IDLE); Clinic by STATUS every 300 ms"),
          stderr.toString());

      // Dr. Lee's reply lands in INBOX: IDLE tells, and its sync comes after the one that follows
      // the coming up, so what is filed into Clinic from then on only a check can find.
      try (MaildirBuilder box = noNotify.maildir(USER)) {
        box.add(
            "INBOX",
            lee.reply("lee@uni.edu").date(T.minus(Duration.ofHours(1))).body("Sure.").build());
      }
      assertEquals("lee@uni.edu AWAITING_REPLY->REPLIED", line(next()));
      try (MaildirBuilder box = noNotify.maildir(USER)) {
        box.add(
            "Clinic",
            kim.reply("kim@uni.edu").date(T.minus(Duration.ofDays(1))).body("Happy to.").build());
      }
      assertEquals("kim@uni.edu FOLLOW_UP_DUE->REPLIED", line(next()));
      // Checks go on every 300 ms and find nothing more to say.
      assertNull(events.poll(1500, TimeUnit.MILLISECONDS), "announced once");
      assertTrue(process.isAlive(), stderr.toString());
      assertEquals(
          List.of("kim@uni.edu FOLLOW_UP_DUE->REPLIED"),
          seen.stream()
              .map(WatchDaemonTest::line)
              .filter(l -> l.startsWith("kim@uni.edu FOLLOW_UP_DUE->"))
              .toList());
      assertTrue(
          stderr.stream().noneMatch(l -> l.contains("Exception") || l.contains("trying again")),
          stderr.toString());
    }
  }

  @Test
  void aCutConnectionLosesNoEventAndRepeatsNone() throws Exception {
    Mail kim = ask("kim@uni.edu", Duration.ofDays(3), "Observership in stroke rehab");
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(dovecot.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
    }
    dovecot.start();
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, dovecot.port())) {
      start(proxy.port());
      assertEquals("kim@uni.edu null->AWAITING_REPLY", line(next()));
      assertTrue(awaitStderr("watching INBOX"), stderr.toString());
      int before = proxy.connectionCount();
      proxy.cutAll();
      // Mail that arrives while the watcher reconnects.
      try (MaildirBuilder box = dovecot.maildir(USER)) {
        box.add(
            "INBOX",
            kim.reply("kim@uni.edu").date(T.minus(Duration.ofDays(1))).body("Yes.").build());
      }
      assertEquals("kim@uni.edu AWAITING_REPLY->REPLIED", line(next()));
      assertTrue(proxy.connectionCount() > before, "it reconnected");
      proxy.cutAll();
      assertTrue(proxy.awaitConnections(proxy.connectionCount() + 1, WAIT));
      assertTrue(awaitStderr("trying again"), stderr.toString());
      assertNull(events.poll(1500, TimeUnit.MILLISECONDS), "reconnecting announces nothing new");
    }
  }

  @Test
  void tagAndDigestAreTheOnlyWritesAndOnlyWhenAskedFor() throws Exception {
    Mail kim = ask("kim@uni.edu", Duration.ofDays(20), "Observership in stroke rehab");
    Mail lee = ask("lee@uni.edu", Duration.ofDays(2), "Research elective");
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(dovecot.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
      box.add(dovecot.sentFolder(), lee, new Flags(Flags.Flag.SEEN));
    }
    dovecot.start();
    start(dovecot.port(), "--tag", "--digest", "00:00");
    assertEquals(2, List.of(next(), next()).size());
    assertTrue(awaitStderr("digest for 2026-03-01 added to INBOX"), stderr.toString());
    assertTrue(awaitStderr("tags: 2 set, 0 removed"), stderr.toString());
    try (var store = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
      var sent = dev.rapport.testing.Imap.examine(store, dovecot.sentFolder());
      Map<String, String> tags = new java.util.HashMap<>();
      for (var m : sent.getMessages()) {
        String to = m.getHeader("To")[0];
        tags.put(to, String.join(",", m.getFlags().getUserFlags()));
        assertTrue(m.isSet(Flags.Flag.SEEN));
      }
      sent.close(false);
      assertEquals(Map.of("kim@uni.edu", "$FollowUpDue", "lee@uni.edu", "$AwaitingReply"), tags);
      var inbox = dev.rapport.testing.Imap.examine(store, "INBOX");
      assertEquals(1, inbox.getMessageCount());
      var digest = inbox.getMessage(1);
      assertTrue(
          digest.getSubject().startsWith("Rapport digest for 2026-03-01: 1 follow-up due"),
          digest.getSubject());
      assertEquals("auto-generated", digest.getHeader("Auto-Submitted")[0]);
      inbox.close(false);
    }
    // A reply moves Dr. Kim's keyword from $FollowUpDue to $Replied; the digest itself changes
    // nobody's state.
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(
          "INBOX",
          kim.reply("kim@uni.edu").date(T.minus(Duration.ofDays(1))).body("Happy to.").build());
    }
    assertEquals("kim@uni.edu FOLLOW_UP_DUE->REPLIED", line(next()));
    assertTrue(awaitStderr("tags: 1 set, 1 removed"), stderr.toString());
    try (var store = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
      var sent = dev.rapport.testing.Imap.examine(store, dovecot.sentFolder());
      for (var m : sent.getMessages()) {
        if (m.getHeader("To")[0].equals("kim@uni.edu")) {
          assertEquals(List.of("$Replied"), List.of(m.getFlags().getUserFlags()));
        }
      }
      sent.close(false);
    }
    assertNull(events.poll(500, TimeUnit.MILLISECONDS), "no event for the digest");
    assertEquals(
        1, stderr.stream().filter(l -> l.contains("digest for")).count(), "one digest a day");
  }
}
