package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.FaultyProxy;
import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher's loop against GreenMail: reconnections leave nothing behind, and the backoff is
 * capped.
 */
class MailboxWatcherTest {

  private static final String USER = "ines@example.org";
  private static final String PASSWORD = "pw-ines";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(USER, PASSWORD);

  private static long rapportThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
  }

  @Test
  void manyReconnectionsLeaveNoThreadsOrConnectionsBehind() throws Exception {
    greenMail.append(
        USER,
        "Sent",
        Mail.from(USER)
            .to("kim@uni.edu")
            .subject("Hello")
            .date(Instant.parse("2026-02-01T09:00:00Z"))
            .body("Could we talk?")
            .build(),
        new Flags(Flags.Flag.SEEN));
    List<String> log = new CopyOnWriteArrayList<>();
    AtomicInteger up = new AtomicInteger();
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, greenMail.imapPort())) {
      MailboxWatcher w =
          MailboxWatcher.builder(
                  ImapUrl.parse("imap://" + USER + "@127.0.0.1:" + proxy.port()),
                  Credentials.password(PASSWORD))
              .options(
                  ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
              .retry(Duration.ofMillis(10), Duration.ofMillis(40))
              .listener(
                  new MailboxWatcher.Listener() {
                    @Override
                    public void synced(MailboxSnapshot snapshot) {}

                    @Override
                    public void connection(boolean isUp, String message) {
                      log.add(message);
                      if (isUp) {
                        up.incrementAndGet();
                      }
                    }
                  })
              .build();
      w.start();
      awaitUp(up, 1, log);
      // One connection each for INBOX and Sent, and one for syncing.
      awaitConnections(proxy, 3);
      long baseline = rapportThreads();
      for (int i = 2; i <= 21; i++) {
        proxy.cutAll();
        awaitUp(up, i, log);
      }
      assertTrue(w.sessions() >= 21, "sessions " + w.sessions());
      // What a session opens, it closes: the same threads and connections as after the first.
      long deadline = System.nanoTime() + WAIT.toNanos();
      long threads;
      int connections;
      do {
        Thread.sleep(20);
        threads = rapportThreads();
        connections = proxy.openConnections();
      } while ((threads > baseline + 1 || connections != 3) && System.nanoTime() < deadline);
      // One spare thread: the JDK's own pools (ForkJoin, CompletableFuture's delayer) come and go.
      assertTrue(
          threads <= baseline + 1,
          "threads: "
              + baseline
              + " then "
              + threads
              + " "
              + Thread.getAllStackTraces().keySet().stream()
                  .map(Thread::getName)
                  .sorted()
                  .toList());
      assertEquals(3, connections, "connections");
      w.close();
      deadline = System.nanoTime() + WAIT.toNanos();
      while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, proxy.openConnections(), "close() cuts every connection");
    }
  }

  private static void awaitConnections(FaultyProxy proxy, int n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (proxy.openConnections() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(n, proxy.openConnections());
  }

  private static void awaitUp(AtomicInteger up, int n, List<String> log)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (up.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(up.get() >= n, "session " + n + " never came up: " + log);
  }

  @Test
  void closingStopsAWatcherThatIsWaitingToRetry() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    MailboxWatcher w =
        MailboxWatcher.builder(ImapUrl.parse("imap://x@127.0.0.1:1"), Credentials.password("x"))
            .retry(Duration.ofMinutes(10), Duration.ofMinutes(10))
            .listener(
                new MailboxWatcher.Listener() {
                  @Override
                  public void synced(MailboxSnapshot snapshot) {}

                  @Override
                  public void connection(boolean isUp, String message) {
                    log.add(message);
                  }
                })
            .build();
    w.start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (log.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(log.get(0).startsWith("cannot connect to 127.0.0.1:1"), log.toString());
    assertTrue(
        log.get(0).endsWith("trying again in 5 min") || log.get(0).contains("trying again in"),
        log.toString());
    long t0 = System.nanoTime();
    w.close();
    assertTrue(
        (System.nanoTime() - t0) / 1_000_000 < 1000, "close() does not wait out the backoff");
  }

  @Test
  void settingsOutsideTheirBoundsAreRefused() throws Exception {
    MailboxWatcher.Builder b =
        MailboxWatcher.builder(ImapUrl.parse("imap://x@127.0.0.1"), Credentials.password("x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.renewIdleEvery(Duration.ofMinutes(11)),
        "IDLE must be renewed within 10 minutes");
    assertThrows(
        IllegalArgumentException.class,
        () -> b.retry(Duration.ofSeconds(5), Duration.ofSeconds(1)));
    assertThrows(IllegalStateException.class, b::build, "a listener is required");
  }
}
