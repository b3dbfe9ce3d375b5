package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.SyncCache;
import dev.rapport.testing.CourierServer;
import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.Imap;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code watch} on servers whose UIDVALIDITY moves: a real Courier, which gives
 * a folder no client opened read-write a new one every second (the cache must still serve, and no
 * "renumbered" notice may appear), and a real Dovecot whose folder is renumbered for real (which
 * must still be said).
 */
class RenumberingServersTest {

  private static final String ME = "Nadia Haddad <nadia@example.org>";
  private static final String NOW = "2026-03-01T12:00:00Z";
  private static final Instant T = Instant.parse(NOW);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final CourierServer courier =
      CourierServer.builder().user("status", "Status-pw-1").user("watch", "Watch-pw-2").build();

  @RegisterExtension
  static final DovecotServer dovecot = DovecotServer.builder().user("dove", "Dove-pw-3").build();

  @TempDir Path home;

  private Process process;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
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

  private Map<String, String> env(String password) {
    Map<String, String> env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", password);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  private record Run(int code, String out, String err) {}

  private Run status(String url, String password) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"status", "--imap", url, "--now", NOW, "--format", "json"},
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            env(password));
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> states(Run r) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (JsonNode n : JSON.readTree(r.out())) {
      out.put(n.get("contact").asText(), n.get("state").asText());
    }
    return out;
  }

  /** Returns once Courier gives INBOX a UIDVALIDITY other than the one it gives now. */
  private static void awaitNewUidValidity(String user) throws Exception {
    long seen = validityNow(user);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (validityNow(user) == seen) {
      assertTrue(System.nanoTime() < deadline, "Courier's UIDVALIDITY held still for 5 s");
      Thread.sleep(50);
    }
  }

  private static long validityNow(String user) throws Exception {
    try (IMAPStore store = courier.connect(user)) {
      return ((IMAPFolder) store.getFolder("INBOX")).getUIDValidity();
    }
  }

  private Path cacheFile(String url) throws Exception {
    return SyncCache.fileIn(SyncCache.defaultDirectory(env("")), ImapUrl.parse(url).account());
  }

  @Test
  void statusOnCourierUsesItsCacheSaysNothingOfRenumberingAndFindsANewReply() throws Exception {
    String user = "status";
    Mail kim =
        ask("Dr. Mina Kim <kim@uni.edu>", Duration.ofDays(3), "Observership in stroke rehab");
    Mail lee = ask("lee@uni.edu", Duration.ofDays(20), "Your SCI study");
    try (MaildirBuilder box = courier.maildir(user)) {
      box.add(CourierServer.SENT, kim, new Flags(Flags.Flag.SEEN));
      box.add(CourierServer.SENT, lee, new Flags(Flags.Flag.SEEN));
      box.add(
          CourierServer.ARCHIVE,
          lee.reply("lee@uni.edu").date(T.minus(Duration.ofDays(19))).body("Gladly.").build());
    }
    String url = courier.url(user);
    String password = courier.password(user);
    Run first = status(url, password);
    assertEquals(0, first.code(), first.err());
    assertEquals(Map.of("kim@uni.edu", "AWAITING_REPLY", "lee@uni.edu", "REPLIED"), states(first));

    awaitNewUidValidity(user);
    Run second = status(url, password);
    assertEquals("", second.err(), "no notice, least of all 'renumbered'");
    assertEquals(first.out(), second.out());

    // Nothing changed, so nothing is written back: every folder's state is the cache's own.
    Path cache = cacheFile(url);
    Object fileKey = Files.readAttributes(cache, BasicFileAttributes.class).fileKey();
    byte[] bytes = Files.readAllBytes(cache);
    awaitNewUidValidity(user);
    Run third = status(url, password);
    assertEquals("", third.err());
    assertEquals(first.out(), third.out());
    assertEquals(fileKey, Files.readAttributes(cache, BasicFileAttributes.class).fileKey());
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(cache)));

    try (MaildirBuilder box = courier.maildir(user)) {
      box.add(
          "INBOX",
          kim.reply("Dr. Mina Kim <kim@uni.edu>")
              .date(T.minus(Duration.ofDays(1)))
              .body("Happy to.")
              .build());
    }
    awaitNewUidValidity(user);
    Run fourth = status(url, password);
    assertEquals("", fourth.err());
    assertEquals(Map.of("kim@uni.edu", "REPLIED", "lee@uni.edu", "REPLIED"), states(fourth));
  }

  @Test
  void watchOnCourierAnnouncesAReplyOnceAndNeverSaysRenumbered() throws Exception {
    String user = "watch";
    Mail kim = ask("kim@uni.edu", Duration.ofDays(3), "Observership in stroke rehab");
    try (MaildirBuilder box = courier.maildir(user)) {
      box.add(CourierServer.SENT, kim, new Flags(Flags.Flag.SEEN));
    }
    // Every folder synced every second: each sync sees new UIDVALIDITYs.
    startWatch(courier.url(user), courier.password(user), "--resync", "1s");
    assertEquals("kim@uni.edu null->AWAITING_REPLY", line(next()));
    assertTrue(awaitStderr("watching"), stderr.toString());
    awaitNewUidValidity(user);
    awaitNewUidValidity(user);

    try (MaildirBuilder box = courier.maildir(user)) {
      box.add(
          "INBOX",
          kim.reply("kim@uni.edu").date(T.minus(Duration.ofHours(2))).body("Sure.").build());
    }
    assertEquals("kim@uni.edu AWAITING_REPLY->REPLIED", line(next()));
    awaitNewUidValidity(user);
    awaitNewUidValidity(user);

    assertEquals(
        0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor());
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stopped");
    assertEquals(List.of(), new ArrayList<>(events), "each change once");
    assertTrue(
        stderr.stream().noneMatch(l -> l.contains("renumbered") || l.contains("UIDVALIDITY")),
        stderr.toString());
  }

  @Test
  void aFolderRenumberedForRealOnDovecotIsStillSaid() throws Exception {
    String user = "dove";
    Mail kim = ask("kim@uni.edu", Duration.ofDays(3), "Observership in stroke rehab");
    Mail lee = ask("lee@uni.edu", Duration.ofDays(2), "Your SCI study");
    try (MaildirBuilder box = dovecot.maildir(user)) {
      box.add(dovecot.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
      box.add(dovecot.sentFolder(), lee, new Flags(Flags.Flag.SEEN));
    }
    dovecot.start();
    String url = dovecot.url(user, DovecotServer.Security.PLAIN);
    String password = dovecot.password(user);
    Run first = status(url, password);
    assertEquals(0, first.code(), first.err());
    Run again = status(url, password);
    assertEquals("", again.err(), "a UIDVALIDITY that holds still is not news");

    try (IMAPStore store = dovecot.connect(user, DovecotServer.Security.PLAIN)) {
      // Deleted and made again, its messages back in another order: same name, new UIDVALIDITY,
      // and every UID now names another message.
      IMAPFolder sent = (IMAPFolder) store.getFolder(dovecot.sentFolder());
      long before = sent.getUIDValidity();
      assertTrue(sent.delete(false));
      assertTrue(sent.create(Folder.HOLDS_MESSAGES));
      assertTrue(sent.getUIDValidity() != before);
      Imap.append(store, dovecot.sentFolder(), lee, new Flags(Flags.Flag.SEEN));
      Imap.append(store, dovecot.sentFolder(), kim, new Flags(Flags.Flag.SEEN));
    }
    Run renumbered = status(url, password);
    assertEquals(0, renumbered.code(), renumbered.err());
    assertEquals(
        "rapport: note: folder "
            + dovecot.sentFolder()
            + " was renumbered by the server (UIDVALIDITY changed); reading it afresh",
        renumbered.err().strip());
    assertEquals(states(first), states(renumbered));
  }

  // ---------------------------------------------------------------- the watch process

  private void startWatch(String url, String password, String... extra) throws IOException {
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
                url,
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
    pb.environment().putAll(env(password));
    process = pb.start();
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  events.add(JSON.readTree(line));
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
  }

  private JsonNode next() throws InterruptedException {
    JsonNode n = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(n, "no event within " + WAIT + "; stderr: " + stderr + "; " + courier.log());
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

  private static String line(JsonNode n) {
    return n.get("contact").asText()
        + " "
        + (n.get("previous").isNull() ? "null" : n.get("previous").asText())
        + "->"
        + n.get("state").asText();
  }
}
