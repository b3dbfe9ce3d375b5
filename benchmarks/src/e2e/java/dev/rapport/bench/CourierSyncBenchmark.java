package dev.rapport.bench;

import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.SyncListener;
import dev.rapport.testing.CourierServer;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Not a test: what a sync costs on Courier, whose UIDVALIDITY for a folder no client opened
 * read-write is new every second. On a throwaway {@link CourierServer} with a mailbox of N messages
 * (as {@link BenchMailbox} makes them: about N/10 contacts, replies in several folders, list mail),
 * in one warm JVM, medians of ROUNDS:
 *
 * <ul>
 *   <li><b>full resync</b>: a sync with an empty cache, which is what every sync on Courier was
 *       before folders were matched by key (each folder "renumbered", so read afresh: every header,
 *       then the texts); the old path also loaded the cache first, so this is its lower bound;
 *   <li><b>keyed, unchanged</b>: a sync with the cache of an earlier one, on disk, after Courier
 *       moved on to a new UIDVALIDITY: one FETCH of UID, INTERNALDATE and Message-ID per folder;
 *   <li><b>keyed, one new</b>: the same with one reply delivered since;
 *   <li><b>floor</b>: a bare Angus client sending only that key FETCH to every folder, the least
 *       any keyed sync can cost.
 * </ul>
 *
 * Each is timed in wall-clock time and in the CPU time of the syncing thread, and the keyed ones
 * are given as ratios of the full resync. Every keyed sync is checked to say nothing of renumbering
 * and to fetch no header of a known message.
 *
 * <p>Usage: {@code bench/e2e.sh dev.rapport.bench.CourierSyncBenchmark [N [ROUNDS]]} (root, Courier
 * installed as {@code .ci/run} does; default 3000 messages, 7 rounds).
 */
public final class CourierSyncBenchmark {
  private CourierSyncBenchmark() {}

  private static final String USER = "bench";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path tmp = Files.createTempDirectory("rapport-courier-bench");
    try (CourierServer server = CourierServer.builder().user(USER, "bench-pw").build()) {
      int written = fill(server, total, new Random(1));
      server.start();
      ImapUrl url = ImapUrl.parse(server.url(USER));
      Credentials pw = Credentials.password(server.password(USER));

      long[][] full = new long[2][rounds];
      long[][] unchanged = new long[2][rounds];
      long[][] oneNew = new long[2][rounds];
      long[][] floor = new long[2][rounds];
      Path warm = Files.createTempDirectory(tmp, "warm");
      sync(url, pw, warm, -1); // the cache the keyed syncs start from
      awaitNewUidValidity(server);
      sync(url, pw, warm, -1); // Courier seen to renumber without cause: its folders are restless
      int fullFetched = 0;
      for (int round = -2; round < rounds; round++) { // two warm-up rounds
        Path empty = Files.createTempDirectory(tmp, "empty");
        long[] f = sync(url, pw, empty, -1);
        fullFetched = (int) f[2];
        awaitNewUidValidity(server);
        long[] u = sync(url, pw, warm, 0);
        try (MaildirBuilder box = server.maildir(USER)) {
          box.add(
              "INBOX",
              Mail.from(Mail.address("Dr. Contact 0", "dr.0@uni0.edu"))
                  .to(BenchMailbox.ME)
                  .subject("Re: Observership question 0 (" + round + ")")
                  .date(BenchMailbox.START.plus(Duration.ofDays(330)).plusSeconds(round + 3))
                  .body("Thank you.")
                  .build());
        }
        awaitNewUidValidity(server);
        long[] o = sync(url, pw, warm, 1);
        long[] k0 = keysOnly(server);
        if (round >= 0) {
          for (int k = 0; k < 2; k++) {
            full[k][round] = f[k];
            unchanged[k][round] = u[k];
            oneNew[k][round] = o[k];
            floor[k][round] = k0[k];
          }
        }
      }
      double fw = median(full[0]);
      double fc = median(full[1]);
      System.out.printf(
          "Courier, %d messages (%d fetched by a full resync), %d rounds, medians%n",
          written, fullFetched, rounds);
      System.out.printf(
          "full resync (empty cache)  %8.1f ms wall %8.1f ms CPU%n", fw / 1e6, fc / 1e6);
      print("keyed, unchanged         ", unchanged, fw, fc);
      print("keyed, one new message   ", oneNew, fw, fc);
      print("floor: the key FETCH only", floor, fw, fc);
    } finally {
      try (Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void print(String what, long[][] t, double fullWall, double fullCpu) {
    double w = median(t[0]);
    double c = median(t[1]);
    System.out.printf(
        "%s %8.1f ms wall %8.1f ms CPU  = %.3fx / %.3fx the full resync%n",
        what, w / 1e6, c / 1e6, w / fullWall, c / fullCpu);
  }

  /**
   * One sync with a cache read from {@code dir} (a new {@link SyncCache}, as a new process has);
   * returns wall and CPU nanoseconds and the headers fetched.
   *
   * @param expectFetched how many headers the sync must fetch, or -1 for any
   */
  private static long[] sync(ImapUrl url, Credentials pw, Path dir, int expectFetched)
      throws Exception {
    AtomicInteger notices = new AtomicInteger();
    List<String> said = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void notice(String message) {
            notices.incrementAndGet();
            said.add(message);
          }
        };
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    MailboxSnapshot s =
        new MailboxReader(ImapOptions.DEFAULTS, new SyncCache(dir)).read(url, pw, listener);
    long t1 = System.nanoTime();
    long c1 = THREADS.getCurrentThreadCpuTime();
    if (expectFetched >= 0 && (s.fetched() != expectFetched || notices.get() > 0)) {
      throw new IllegalStateException(
          "expected " + expectFetched + " headers and no notice, got " + s.fetched() + ": " + said);
    }
    return new long[] {t1 - t0, c1 - c0, s.fetched()};
  }

  /**
   * The protocol's floor for a keyed sync: a bare Angus client that logs in, lists, and sends the
   * one key FETCH to every folder but Drafts; returns wall and CPU nanoseconds.
   */
  private static long[] keysOnly(CourierServer server) throws Exception {
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (IMAPStore store = server.connect(USER)) {
      for (jakarta.mail.Folder f : store.getDefaultFolder().list("*")) {
        IMAPFolder imf = (IMAPFolder) f;
        if (imf.getFullName().endsWith(".Drafts")) {
          continue;
        }
        imf.open(jakarta.mail.Folder.READ_ONLY);
        int n = imf.getMessageCount();
        if (n > 0) {
          imf.doCommand(
              p ->
                  p.fetch(
                      new org.eclipse.angus.mail.imap.protocol.MessageSet[] {
                        new org.eclipse.angus.mail.imap.protocol.MessageSet(1, n)
                      },
                      "UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"));
        }
        imf.close(false);
      }
    }
    return new long[] {System.nanoTime() - t0, THREADS.getCurrentThreadCpuTime() - c0};
  }

  /** Builds the mailbox as {@link BenchMailbox} does, in Courier's folders; returns its size. */
  private static int fill(CourierServer server, int total, Random rnd) {
    List<String> replyFolders =
        List.of(
            "INBOX",
            "INBOX",
            CourierServer.ARCHIVE,
            CourierServer.ARCHIVE,
            CourierServer.TRASH,
            CourierServer.JUNK);
    try (MaildirBuilder box = server.maildir(USER)) {
      BenchMailbox.fill(box, total, rnd, CourierServer.SENT, replyFolders);
      return box.count();
    }
  }

  /** Returns once Courier gives INBOX another UIDVALIDITY than now (the next second). */
  private static void awaitNewUidValidity(CourierServer server) throws Exception {
    long seen = validity(server);
    while (validity(server) == seen) {
      Thread.sleep(50);
    }
  }

  private static long validity(CourierServer server) throws Exception {
    try (IMAPStore store = server.connect(USER)) {
      return ((IMAPFolder) store.getFolder("INBOX")).getUIDValidity();
    }
  }

  private static double median(long[] xs) {
    long[] c = xs.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
  }
}
