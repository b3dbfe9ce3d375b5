package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.MailboxWatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link MailboxWatcher}'s own watching connections (not its sync connection) against a scripted
 * server that misbehaves on them only: a polling NOOP that trickles a byte every 2 s, and an absurd
 * message count announced during IDLE. The read timeout stays at 60 s, so only the deadline (3 s
 * here) and the caps of a one-off read can end them within the case's 30 s; each must end in a
 * "connection down" that says what the server did, and the watcher must go on.
 */
class WatchConnectionsHostileTest {
  private static final long CASE_SECONDS = ChildCli.BOUND_SECONDS;

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

  private static ScriptedMailbox mailbox() {
    ScriptedMailbox m = new ScriptedMailbox();
    m.add(
        "Sent",
        "Message-ID: <obs-1@example.org>",
        "From: Amara Obi <amara@example.org>",
        "To: kim@uni.edu",
        "Subject: Observership",
        "Date: Thu, 26 Feb 2026 09:00:00 +0000");
    return m;
  }

  /** The first "connection down" message containing {@code part}, within the case's 30 s. */
  private static String awaitDown(BlockingQueue<String> downs, String part, List<String> log)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
    while (System.nanoTime() < deadline) {
      String d = downs.poll(200, TimeUnit.MILLISECONDS);
      if (d != null && d.contains(part)) {
        return d;
      }
    }
    throw new AssertionError("no '" + part + "' within " + CASE_SECONDS + " s: " + log);
  }

  private static MailboxWatcher watcher(
      ScriptedImapServer server, BlockingQueue<String> downs, List<String> log) throws Exception {
    return MailboxWatcher.builder(ImapUrl.parse(server.url()), Credentials.password("pw-Wc3"))
        .options(ImapOptions.DEFAULTS.withDeadline(Duration.ofSeconds(3)))
        .pollEvery(Duration.ofMillis(200))
        .retry(Duration.ofMillis(200), Duration.ofMillis(500))
        .listener(
            new MailboxWatcher.Listener() {
              @Override
              public void synced(MailboxSnapshot snapshot) {}

              @Override
              public void connection(boolean up, String message) {
                log.add((up ? "up: " : "down: ") + message);
                if (!up) {
                  downs.add(message);
                }
              }

              @Override
              public void notice(String message) {
                log.add("notice: " + message);
              }
            })
        .build();
  }

  @Test
  @Timeout(60)
  void aPollingNoopThatTricklesIsCutAtTheDeadline() throws Exception {
    ScriptedMailbox mailbox = mailbox();
    List<String> log = new CopyOnWriteArrayList<>();
    BlockingQueue<String> downs = new LinkedBlockingQueue<>();
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      server.on(
          "NOOP",
          (t, l, o) -> {
            if (mailbox.onSyncConnection()) {
              ScriptedImapServer.send(o, t + " OK done");
            } else {
              trickle(o, "* OK still ");
            }
          });
      try (MailboxWatcher w = watcher(server, downs, log)) {
        w.start();
        String down = awaitDown(downs, "did not finish NOOP in ", log);
        assertTrue(down.contains("127.0.0.1:" + server.port()), down);
        assertTrue(down.contains("within 3 s"), down);
        // It goes on: a new session starts (and meets the same server again).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
        while (w.sessions() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertTrue(w.sessions() >= 2, log::toString);
      }
    }
  }

  @Test
  @Timeout(60)
  void aGiganticMessageCountDuringIdleIsRefused() throws Exception {
    ScriptedMailbox mailbox = mailbox();
    List<String> log = new CopyOnWriteArrayList<>();
    BlockingQueue<String> downs = new LinkedBlockingQueue<>();
    try (ScriptedImapServer server = new ScriptedImapServer()) {
      mailbox.serveOn(server);
      server.on(
          "CAPABILITY",
          (t, l, o) -> ScriptedImapServer.send(o, "* CAPABILITY IMAP4rev1 IDLE", t + " OK done"));
      server.on("IDLE", (t, l, o) -> ScriptedImapServer.send(o, "+ idling", "* 2147483647 EXISTS"));
      try (MailboxWatcher w = watcher(server, downs, log)) {
        w.start();
        String down = awaitDown(downs, "a message number that is negative or past", log);
        assertTrue(down.contains("127.0.0.1:" + server.port()), down);
        assertNotNull(w.account());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
        while (w.sessions() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertTrue(w.sessions() >= 2, log::toString);
        assertFalse(
            log.stream().anyMatch(l -> l.contains("Exception") || l.contains("Error")),
            log::toString);
      }
    }
  }
}
