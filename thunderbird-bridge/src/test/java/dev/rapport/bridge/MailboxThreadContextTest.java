package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.config.RapportConfig;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.SyncCache;
import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code [[accounts]]} configured, the host lints with the tracker's thread context, read in
 * the background.
 */
class MailboxThreadContextTest {

  private static final String USER = "chidinma@example.org";
  private static final String PASSWORD = "gm-Bridge-5";
  private static final String OTHER = "okeke.c@example.net";
  private static final String OTHER_PASSWORD = "gm-Other-3";
  private static final String ME = "Chidinma Okeke <" + USER + ">";
  private static final String LEE = "Dr. Min Lee <lee@uni.edu>";
  private static final String FOLLOW_UP =
      "Dear Dr. Lee,\n\nI wanted to follow up on my note about a two-week observership in stroke rehabilitation. "
          + "Would a 15-minute call next week suit you?\n\nBest regards,\nChidinma\n";
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final GreenMailServer greenMail =
      new GreenMailServer().user(USER, PASSWORD).user(OTHER, OTHER_PASSWORD);

  @TempDir Path tmp;

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<LogRecord> logged = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private final Logger log = Logger.getAnonymousLogger();
  private ThreadSource threads;

  MailboxThreadContextTest() {
    log.setUseParentHandlers(false);
    log.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (logged) {
              logged.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  /** A host whose mailbox reads take their password from {@code env}, counted in {@link #reads}. */
  private RequestHandler host(String config, Map<String, String> env) throws Exception {
    ThreadSource.Reader imap =
        ThreadSource.imap(
            env,
            ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)),
            new SyncCache(tmp.resolve("cache")));
    threads =
        new ThreadSource(
            account -> {
              reads.incrementAndGet();
              return imap.read(account);
            },
            clock,
            ThreadSource.REFRESH,
            background,
            log);
    Path file = tmp.resolve("rapport.toml");
    Files.writeString(file, config);
    return new RequestHandler(
        new LinterSource(file, RapportConfig::empty), threads, clock, 64, "test");
  }

  private String account(String name, String user) {
    return "[[accounts]]\nname = \"" + name + "\"\nimap = \"" + greenMail.url(user) + "\"\n\n";
  }

  private static Map<String, String> password(String pw) {
    return Map.of("RAPPORT_PASSWORD", pw);
  }

  private static JsonNode lint(RequestHandler host, String to, String body) {
    return host.handle(
        HostHarness.lint(7, to, "Following up on my observership question", body)
            .getBytes(StandardCharsets.UTF_8));
  }

  private static boolean has(JsonNode reply, String rule) {
    for (JsonNode f : reply.path("scorecard").path("findings")) {
      if (rule.equals(f.path("rule").asText())) {
        return true;
      }
    }
    return false;
  }

  private void sent(String user, String to, Duration ago) {
    Mail m =
        Mail.from(user.equals(USER) ? ME : OTHER)
            .to(to)
            .subject("Observership question")
            .date(Instant.now().minus(ago))
            .body("Would a short call about an observership suit you?")
            .build();
    greenMail.append(user, "Sent", m, new Flags(Flags.Flag.SEEN));
  }

  private List<LogRecord> warnings() {
    synchronized (logged) {
      return logged.stream()
          .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .toList();
    }
  }

  @Test
  void aFollowUpThreeDaysAfterAnUnansweredMessageIsTooSoonOnlyWithTheAccount() throws Exception {
    sent(USER, LEE, Duration.ofDays(3));

    RequestHandler without = host("", password(PASSWORD));
    JsonNode plain = lint(without, LEE, FOLLOW_UP);
    assertEquals("scorecard", plain.path("type").asText(), plain.toString());
    assertFalse(has(plain, "FOLLOW_UP_TOO_SOON"), plain.toString());
    assertTrue(plain.get("thread").isNull(), plain.toString());
    assertEquals(0, reads.get(), "no account, no mailbox read");

    RequestHandler with = host(account("work", USER), password(PASSWORD));
    with.startMailboxes().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = lint(with, LEE, FOLLOW_UP);
    assertTrue(has(reply, "FOLLOW_UP_TOO_SOON"), reply.toString());
    JsonNode thread = reply.get("thread");
    assertTrue(thread.get("known").booleanValue(), reply.toString());
    assertFalse(thread.get("firstContact").booleanValue());
    assertEquals(1, thread.get("unanswered").intValue());
    assertTrue(
        Instant.parse(thread.get("lastSent").textValue())
            .isBefore(Instant.now().minus(Duration.ofDays(2))),
        thread.toString());
    assertTrue(thread.get("lastReceived").isNull());
    assertEquals("work", thread.get("account").textValue());
    assertEquals(clock.instant().toString(), thread.get("syncedAt").textValue());
    assertTrue(
        Files.isDirectory(tmp.resolve("cache")), "the read goes through the on-disk sync cache");
    assertTrue(warnings().isEmpty(), String.valueOf(warnings()));
  }

  @Test
  void aDraftToSomeoneNeverWrittenIsAFirstContact() throws Exception {
    sent(USER, LEE, Duration.ofDays(3));
    RequestHandler host = host(account("work", USER), password(PASSWORD));
    host.startMailboxes().get(AWAIT.toSeconds(), TimeUnit.SECONDS);

    JsonNode reply =
        lint(host, "Dr. Sam Park <park@uni.edu>", FOLLOW_UP.replace("Dr. Lee", "Dr. Park"));
    JsonNode thread = reply.get("thread");
    assertTrue(thread.get("firstContact").booleanValue(), reply.toString());
    assertFalse(thread.get("known").booleanValue());
    assertEquals(0, thread.get("unanswered").intValue());
    assertTrue(thread.get("lastSent").isNull());
    assertFalse(has(reply, "FOLLOW_UP_TOO_SOON"), reply.toString());
  }

  @Test
  void theAccountWhereTheContactHasHistoryIsUsedWhicheverComesFirst() throws Exception {
    sent(OTHER, LEE, Duration.ofDays(3));
    // RAPPORT_PASSWORD serves every account, so each gets its own passwordCommand.
    String config =
        account("personal", USER)
                .replace("\n\n", "\npasswordCommand = \"printf %s " + PASSWORD + "\"\n\n")
            + account("school", OTHER)
                .replace("\n\n", "\npasswordCommand = \"printf %s " + OTHER_PASSWORD + "\"\n\n");
    RequestHandler host = host(config, Map.of());
    host.startMailboxes().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, reads.get());

    JsonNode reply = lint(host, LEE, FOLLOW_UP);
    assertEquals("school", reply.get("thread").get("account").textValue(), reply.toString());
    assertTrue(has(reply, "FOLLOW_UP_TOO_SOON"), reply.toString());
    assertTrue(warnings().isEmpty(), String.valueOf(warnings()));
  }

  @Test
  void theMailboxIsReadAgainOnlyAfterTheRefreshIntervalAndOnlyWhenLintsArrive() throws Exception {
    RequestHandler host = host(account("work", USER), password(PASSWORD));
    host.startMailboxes().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, reads.get());
    assertTrue(lint(host, LEE, FOLLOW_UP).get("thread").get("firstContact").booleanValue());

    sent(USER, LEE, Duration.ofDays(3));
    clock.advance(ThreadSource.REFRESH.minusSeconds(1));
    JsonNode stale = lint(host, LEE, FOLLOW_UP);
    awaitReads();
    assertEquals(1, reads.get(), "not read again within the refresh interval");
    assertTrue(
        stale.get("thread").get("firstContact").booleanValue(),
        "the latest snapshot is used as it is");
    assertTrue(
        stale.get("cached").booleanValue(), "same draft, same thread: the scorecard is cached");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, reads.get(), "time alone reads nothing: only a lint does");
    // Hold the background thread, so the read the lint starts cannot finish before the lint
    // answers.
    CountDownLatch hold = new CountDownLatch(1);
    background.execute(() -> awaitQuietly(hold));
    JsonNode trigger = lint(host, LEE, FOLLOW_UP);
    assertTrue(
        trigger.get("thread").get("firstContact").booleanValue(),
        "the lint does not wait for the read it started");
    hold.countDown();
    awaitReads();
    assertEquals(2, reads.get());

    JsonNode fresh = lint(host, LEE, FOLLOW_UP);
    assertFalse(fresh.get("thread").get("firstContact").booleanValue(), fresh.toString());
    assertFalse(fresh.get("cached").booleanValue(), "a new thread context is a new scorecard");
    assertTrue(has(fresh, "FOLLOW_UP_TOO_SOON"), fresh.toString());
  }

  @Test
  void aWrongPasswordStillLintsWithoutThreadContextAndIsLoggedOnceWithoutTheSecret()
      throws Exception {
    sent(USER, LEE, Duration.ofDays(3));
    String config =
        account("work", USER).replace("\n\n", "\npasswordCommand = \"echo wrong-Secret-42\"\n\n");
    RequestHandler host = host(config, Map.of());
    host.startMailboxes().get(AWAIT.toSeconds(), TimeUnit.SECONDS);

    JsonNode first = lint(host, LEE, FOLLOW_UP);
    assertEquals("scorecard", first.get("type").asText(), first.toString());
    assertTrue(first.get("thread").isNull(), first.toString());
    assertFalse(has(first, "FOLLOW_UP_TOO_SOON"));

    clock.advance(ThreadSource.REFRESH);
    lint(host, LEE, FOLLOW_UP);
    awaitReads();
    JsonNode again = lint(host, LEE, FOLLOW_UP);
    assertEquals(2, reads.get(), "the account is tried again after the refresh interval");
    assertEquals("scorecard", again.get("type").asText(), again.toString());
    assertTrue(again.get("thread").isNull());

    List<LogRecord> w = warnings();
    assertEquals(1, w.size(), String.valueOf(w));
    String line = w.get(0).getMessage();
    assertTrue(
        line.contains("work")
            && line.contains("without thread context")
            && line.contains("wrong user name or password"),
        line);
    assertFalse(line.contains("\n"), line);
    synchronized (logged) {
      for (LogRecord r : logged) {
        assertFalse(String.valueOf(r.getMessage()).contains("wrong-Secret-42"), r.getMessage());
      }
    }
  }

  @Test
  void aLintNeverWaitsForAMailboxThatDoesNotAnswer() throws Exception {
    // A server that accepts connections (the kernel's backlog does) and never greets.
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      String config =
          "[[accounts]]\nname = \"stuck\"\nimap = \"imap://"
              + USER.replace("@", "%40")
              + "@127.0.0.1:"
              + silent.getLocalPort()
              + "\"\n";
      RequestHandler host = host(config, password(PASSWORD));
      CompletableFuture<Void> reading = host.startMailboxes();

      JsonNode reply =
          CompletableFuture.supplyAsync(() -> lint(host, LEE, FOLLOW_UP))
              .get(AWAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals("scorecard", reply.get("type").asText(), reply.toString());
      assertTrue(reply.get("thread").isNull(), reply.toString());
      assertFalse(reading.isDone(), "the read is still waiting for the server");

      silent.close();
      reading.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    }
    assertEquals(1, warnings().size(), String.valueOf(warnings()));
  }

  /**
   * Waits for whatever read the last lint started: the single background thread runs tasks in
   * order.
   */
  private void awaitReads() throws Exception {
    background.submit(() -> {}).get(AWAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(AWAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
