package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.FaultyProxy;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import dev.rapport.track.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher against a real Dovecot: news through IDLE and NOTIFY, and every fault the issue lists
 * (restart, cut, silent stall, UIDVALIDITY change, expunge), each recovered from without missing a
 * message. Waits are on conditions with timeouts, never on the clock.
 */
class MailboxWatcherDovecotTest {

  private static final String USER = "amara";
  private static final String PASSWORD = "Watch-pw-51";
  private static final String ME = "Amara Eze <amara@example.org>";
  private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).build();

  private final List<MailboxSnapshot> snapshots = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private SyncCache cache = new SyncCache(null);

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private MailboxWatcher watch(int port, boolean notify, Duration renew, Duration timeout)
      throws ImapException {
    return watch(port, notify, renew, timeout, Duration.ofMinutes(10));
  }

  private MailboxWatcher watch(
      int port, boolean notify, Duration renew, Duration timeout, Duration checkFolders)
      throws ImapException {
    ImapUrl url = ImapUrl.parse("imap://" + USER + "@127.0.0.1:" + port);
    MailboxWatcher w =
        MailboxWatcher.builder(url, Credentials.password(PASSWORD))
            .pollEvery(Duration.ofMillis(200))
            .checkFoldersEvery(checkFolders)
            .cache(cache)
            .options(ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(2), timeout))
            .renewIdleEvery(renew)
            .resyncEvery(
                Duration.ofHours(1)) // news must come from IDLE/NOTIFY, not from a periodic sync
            .retry(Duration.ofMillis(100), Duration.ofMillis(800))
            .notify(notify)
            .listener(
                new MailboxWatcher.Listener() {
                  @Override
                  public void synced(MailboxSnapshot snapshot) {
                    snapshots.add(snapshot);
                  }

                  @Override
                  public void connection(boolean up, String message) {
                    log.add((up ? "up: " : "down: ") + message);
                  }

                  @Override
                  public void notice(String message) {
                    log.add("note: " + message);
                  }
                })
            .build();
    toClose.add(w);
    w.start();
    return w;
  }

  private boolean awaitSnapshot(Predicate<MailboxSnapshot> p) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!snapshots.isEmpty() && p.test(snapshots.get(snapshots.size() - 1))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static boolean awaitCondition(java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static String id(Mail m) {
    return m.messageId().substring(1, m.messageId().length() - 1);
  }

  private static Predicate<MailboxSnapshot> has(Mail m) {
    return s -> s.messages().stream().anyMatch(x -> id(m).equals(x.messageId()));
  }

  private static Predicate<MailboxSnapshot> lacks(Mail m) {
    return has(m).negate();
  }

  private boolean awaitLog(String part) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (log.stream().anyMatch(l -> l.contains(part))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private Mail ask(String to, int day) {
    return Mail.from(ME)
        .to(to)
        .subject("Observership question " + day)
        .date(T0.plus(Duration.ofDays(day)))
        .body("Could we talk for 15 minutes?")
        .build();
  }

  private Mail seeded() {
    Mail first = ask("Dr. Ruiz <ruiz@uni.edu>", 0);
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(dovecot.sentFolder(), first);
    }
    return first;
  }

  @Test
  void aReplyInInboxArrivesThroughIdle() throws Exception {
    Mail first = seeded();
    dovecot.start();
    watch(dovecot.port(), false, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitSnapshot(has(first)), log.toString());
    assertTrue(
        awaitLog(
            "watching INBOX, " + dovecot.sentFolder() + ", " + dovecot.junkFolder() + " (IDLE)"),
        log.toString());
    int before = snapshots.size();
    Mail reply =
        first
            .reply("Dr. Ruiz <ruiz@uni.edu>")
            .date(T0.plus(Duration.ofDays(2)))
            .body("Sure.")
            .build();
    dovecot.append(USER, "INBOX", reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertTrue(snapshots.size() > before);
  }

  @Test
  void aServerWithoutIdleIsPolledWithNoop() throws Exception {
    // A server that offers neither IDLE nor NOTIFY.
    DovecotServer noIdle =
        DovecotServer.builder()
            .user(USER, PASSWORD)
            .setting(
                "imap_capability",
                "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ SPECIAL-USE UIDPLUS")
            .build();
    toClose.add(noIdle);
    Mail first = ask("Dr. Ruiz <ruiz@uni.edu>", 0);
    try (MaildirBuilder box = noIdle.maildir(USER)) {
      box.add(noIdle.sentFolder(), first);
    }
    noIdle.start();
    watch(noIdle.port(), true, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitLog("(NOOP every 200 ms)"), log.toString());
    Mail reply =
        first
            .reply("Dr. Ruiz <ruiz@uni.edu>")
            .date(T0.plus(Duration.ofDays(2)))
            .body("Sure.")
            .build();
    noIdle.append(USER, "INBOX", reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
  }

  @Test
  void theWatchdogRenewsIdleWithoutReconnecting() throws Exception {
    Mail first = seeded();
    dovecot.start();
    MailboxWatcher w = watch(dovecot.port(), true, Duration.ofMillis(100), Duration.ofSeconds(5));
    assertTrue(awaitLog("up: "), log.toString());
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (w.idleRenewals() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(w.idleRenewals() >= 5, "renewals: " + w.idleRenewals());
    Mail reply =
        first
            .reply("Dr. Ruiz <ruiz@uni.edu>")
            .date(T0.plus(Duration.ofDays(2)))
            .body("Sure.")
            .build();
    dovecot.append(USER, "INBOX", reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertEquals(1, w.sessions(), log.toString());
  }

  @Test
  void withoutNotifyAReplyFiledInAnotherFolderIsFoundByItsStatus() throws Exception {
    Mail first = seeded();
    dovecot.start();
    // The resync is an hour away: only the check of the other folders can find the reply.
    MailboxWatcher w =
        watch(
            dovecot.port(),
            false,
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(200));
    assertTrue(awaitSnapshot(has(first)), log.toString());
    // Trash and Drafts are not checked; INBOX, Sent and Junk have IDLE.
    assertTrue(
        awaitLog(
            "watching INBOX, "
                + dovecot.sentFolder()
                + ", "
                + dovecot.junkFolder()
                + " (IDLE); "
                + String.join(", ", dovecot.filingFolders())
                + " by STATUS every 200 ms"),
        log.toString());
    // Past the sync that follows the coming up.
    assertTrue(awaitCondition(() -> w.folderChecks() >= 3), "checks: " + w.folderChecks());
    int syncs = w.syncs();
    Mail reply =
        first
            .reply("Dr. Ruiz <ruiz@uni.edu>")
            .date(T0.plus(Duration.ofDays(2)))
            .body("Sure.")
            .build();
    String folder = dovecot.filingFolders().get(dovecot.filingFolders().size() - 1);
    dovecot.append(USER, folder, reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertEquals(1, w.sessions(), log.toString());
    // Checks that find nothing new start no sync.
    int checks = w.folderChecks();
    assertTrue(awaitCondition(() -> w.folderChecks() >= checks + 3), "more checks");
    assertEquals(syncs + 1, w.syncs(), log.toString());
  }

  @Test
  void notifyHearsOfAReplyFiledInAnyFolder() throws Exception {
    Mail first = seeded();
    dovecot.start();
    MailboxWatcher w =
        watch(
            dovecot.port(),
            true,
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(50));
    assertTrue(awaitLog("watching INBOX (IDLE with NOTIFY: every folder)"), log.toString());
    Mail reply =
        first
            .reply("Dr. Ruiz <ruiz@uni.edu>")
            .date(T0.plus(Duration.ofDays(2)))
            .body("Sure.")
            .build();
    dovecot.append(USER, dovecot.filingFolders().get(0), reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertEquals(0, w.folderChecks(), "the server tells of every folder: nothing to check");
  }

  /**
   * The cache file is written after the first sync and at close, not after each piece of news:
   * after close, a fresh reader on the file fetches nothing, the reply the watcher read included.
   */
  @Test
  void theCacheFileHoldsWhatTheWatcherReadOnceItIsClosed() throws Exception {
    Mail first = seeded();
    dovecot.start();
    cache = new SyncCache(stateDir);
    MailboxWatcher w = watch(dovecot.port(), true, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitSnapshot(has(first)), log.toString());
    assertTrue(awaitLog("up: "), log.toString());
    ImapUrl url = ImapUrl.parse("imap://" + USER + "@127.0.0.1:" + dovecot.port());
    assertTrue(
        java.nio.file.Files.exists(SyncCache.fileIn(stateDir, url.account())),
        "written after the first sync");
    Mail reply =
        first.reply("ruiz@uni.edu").date(T0.plus(Duration.ofDays(2))).body("Sure.").build();
    dovecot.append(USER, "INBOX", reply, new Flags());
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    w.close();
    MailboxSnapshot again =
        new MailboxReader(ImapOptions.DEFAULTS, new SyncCache(stateDir))
            .read(url, Credentials.password(PASSWORD), SyncListener.NONE);
    assertTrue(has(reply).test(again));
    assertEquals(0, again.fetched(), "everything came from the file");
  }

  @Test
  void recoversFromAServerRestartAndReadsWhatCameMeanwhile() throws Exception {
    Mail first = seeded();
    dovecot.start();
    MailboxWatcher w = watch(dovecot.port(), true, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitSnapshot(has(first)), log.toString());
    assertTrue(awaitLog("up: "), log.toString());
    dovecot.stop();
    Mail reply = first.reply("ruiz@uni.edu").date(T0.plus(Duration.ofDays(3))).body("Yes.").build();
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add("INBOX", reply); // arrives while the server is down
    }
    assertTrue(awaitLog("down: "), log.toString());
    dovecot.start();
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertTrue(w.sessions() >= 2, "reconnected");
  }

  @Test
  void aCutConnectionIsReopened() throws Exception {
    Mail first = seeded();
    dovecot.start();
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, dovecot.port())) {
      MailboxWatcher w = watch(proxy.port(), true, Duration.ofMinutes(5), Duration.ofSeconds(5));
      assertTrue(awaitLog("up: "), log.toString());
      proxy.cutAll();
      Mail reply =
          first.reply("ruiz@uni.edu").date(T0.plus(Duration.ofDays(3))).body("Yes.").build();
      dovecot.append(USER, "INBOX", reply, new Flags());
      assertTrue(awaitSnapshot(has(reply)), log.toString());
      assertTrue(w.sessions() >= 2, log.toString());
    }
  }

  @Test
  void aSilentlyStalledConnectionIsNoticedByTheWatchdog() throws Exception {
    Mail first = seeded();
    dovecot.start();
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, dovecot.port())) {
      MailboxWatcher w = watch(proxy.port(), true, Duration.ofMillis(300), Duration.ofMillis(700));
      assertTrue(awaitLog("up: "), log.toString());
      int connections = proxy.connectionCount();
      proxy.stall(FaultyProxy.Direction.BOTH); // a NAT that forgot us: no error, just silence
      Mail reply =
          first.reply("ruiz@uni.edu").date(T0.plus(Duration.ofDays(3))).body("Yes.").build();
      dovecot.append(USER, "INBOX", reply, new Flags());
      // Only a watcher that noticed the silence opens a new connection.
      assertTrue(proxy.awaitConnections(connections + 1, WAIT), log.toString());
      assertTrue(awaitLog("down: "), log.toString());
      proxy.cutAll(); // what the NAT held is lost, as on a real NAT
      proxy.resume();
      assertTrue(awaitSnapshot(has(reply)), log.toString());
      assertTrue(w.sessions() >= 2, log.toString());
    }
  }

  @Test
  void aRenumberedFolderIsReadAfresh() throws Exception {
    Mail first = seeded();
    dovecot.start();
    watch(dovecot.port(), true, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitSnapshot(has(first)), log.toString());
    assertTrue(awaitLog("up: "), log.toString());
    Mail second = ask("lee@uni.edu", 5);
    try (IMAPStore store = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
      // Delete and re-create Sent: same name, new UIDVALIDITY, UIDs from 1 again.
      IMAPFolder sent = (IMAPFolder) store.getFolder(dovecot.sentFolder());
      long before = sent.getUIDValidity();
      assertTrue(sent.delete(false));
      assertTrue(sent.create(Folder.HOLDS_MESSAGES));
      assertTrue(sent.getUIDValidity() != before);
      dev.rapport.testing.Imap.append(
          store, dovecot.sentFolder(), second, new Flags(Flags.Flag.SEEN));
      dev.rapport.testing.Imap.append(
          store, dovecot.sentFolder(), first, new Flags(Flags.Flag.SEEN));
    }
    assertTrue(
        awaitSnapshot(
            s ->
                has(second).test(s)
                    && has(first).test(s)
                    && s.messages().stream().filter(m -> id(first).equals(m.messageId())).count()
                        == 1),
        log.toString());
    assertTrue(awaitLog("UIDVALIDITY"), log.toString());
  }

  @Test
  void anExpungeUnderOurFeetIsSeen() throws Exception {
    Mail first = seeded();
    Mail reply = first.reply("ruiz@uni.edu").date(T0.plus(Duration.ofDays(3))).body("Yes.").build();
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add("INBOX", reply);
    }
    dovecot.start();
    watch(dovecot.port(), false, Duration.ofMinutes(5), Duration.ofSeconds(5));
    assertTrue(awaitSnapshot(has(reply)), log.toString());
    assertTrue(awaitLog("up: "), log.toString());
    try (IMAPStore store = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
    }
    assertTrue(awaitSnapshot(lacks(reply)), log.toString());
    MailboxSnapshot last = snapshots.get(snapshots.size() - 1);
    List<MessageSummary> left = last.messages();
    assertEquals(1, left.size(), left.toString());
  }
}
