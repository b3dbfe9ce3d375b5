package dev.rapport.watch;

import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.FolderInfo;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.track.Correspondence;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageSummary;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: the memory harness behind {@code bench/watch.sh}. Feeds a {@link Watcher} (with its
 * ledger on disk, as the command line runs it) snapshot after snapshot of a mailbox in which, each
 * step, one contact replies or their reply is deleted, and one contact leaves while a new one
 * arrives, so the contacts seen over the run far outnumber those alive at any time. Every event is
 * written as a JSON line to a sink, as {@code --format jsonl} would. Prints the live heap after a
 * full GC and the resident set size every tenth of the run; the first tenth is the baseline.
 *
 * <p>Usage: {@code WatchMemoryBenchmark [EVENTS] [CONTACTS]} (default 100000 500). In this package
 * for the watcher's package-private test entry ({@code accept}, {@code ledger}, {@code alarmClock})
 * and {@code ManualAlarmClock}, which stay in core.
 */
public final class WatchMemoryBenchmark {
  private WatchMemoryBenchmark() {}

  private static final String ME = "bench@example.org";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME;

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path state = Files.createTempDirectory("rapport-watch-mem");
    ManualAlarmClock time = new ManualAlarmClock(NOW, ZoneOffset.UTC);
    long[] emitted = {0};
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    try (Watcher w =
        Watcher.builder()
            .alarmClock(time)
            .stateDirectory(state)
            .account(
                "bench",
                ImapUrl.parse("imap://bench@127.0.0.1:1"),
                CredentialSource.of(Credentials.password("x")),
                ImapOptions.DEFAULTS)
            .build()) {
      w.addListener(
          e -> {
            sink.println(e.toJson());
            emitted[0]++;
          });
      Map<Integer, Integer> alive = new LinkedHashMap<>(); // contact id -> 0 waiting, 1 replied
      for (int i = 0; i < contacts; i++) {
        alive.put(i, 0);
      }
      int next = contacts;
      // Summaries are made once per contact, as the sync cache would keep them.
      Map<Integer, MessageSummary> sent = new java.util.HashMap<>();
      Map<Integer, MessageSummary> replies = new java.util.HashMap<>();
      int step = 0;
      long tenth = events / 10;
      long nextReport = tenth;
      long baseHeap = 0;
      long baseRss = 0;
      long t0 = System.nanoTime();
      System.out.printf("%9s %12s %10s %8s%n", "events", "live heap MB", "RSS MB", "ledger");
      while (emitted[0] < events) {
        step++;
        int flip = (int) alive.keySet().toArray()[step % alive.size()];
        alive.put(flip, 1 - alive.get(flip));
        int leaving = alive.keySet().iterator().next();
        alive.remove(leaving);
        alive.put(next++, 0);
        sent.keySet().retainAll(alive.keySet());
        replies.keySet().retainAll(alive.keySet());
        List<MessageSummary> messages = new ArrayList<>(alive.size() * 2);
        for (Map.Entry<Integer, Integer> c : alive.entrySet()) {
          int id = c.getKey();
          messages.add(sent.computeIfAbsent(id, k -> sentMessage(k)));
          if (c.getValue() == 1) {
            messages.add(replies.computeIfAbsent(id, k -> reply(k)));
          }
        }
        MailboxSnapshot snap =
            new MailboxSnapshot(
                "bench@127.0.0.1:1",
                List.of(
                    new FolderInfo("INBOX", FolderRole.INBOX, false),
                    new FolderInfo("Sent", FolderRole.SENT, true)),
                messages,
                Correspondence.of(messages, Set.of(ME)),
                Map.of(),
                messages.size());
        w.accept("bench", snap);
        if (emitted[0] >= nextReport) {
          long heap = liveHeapMb();
          long rss = rssMb();
          if (baseHeap == 0) {
            baseHeap = heap;
            baseRss = rss;
          }
          System.out.printf("%9d %12d %10d %8d%n", emitted[0], heap, rss, w.ledger("bench").size());
          nextReport += tenth;
        }
      }
      long heap = liveHeapMb();
      long rss = rssMb();
      System.out.printf(
          "%d events (%d contacts seen, %d alive) in %.1f s: live heap %d MB vs %d MB at the first tenth (ratio %.2f), "
              + "RSS %d MB vs %d MB (ratio %.2f)%n",
          emitted[0],
          next,
          alive.size(),
          (System.nanoTime() - t0) / 1e9,
          heap,
          baseHeap,
          heap / (double) baseHeap,
          rss,
          baseRss,
          rss / (double) baseRss);
    } finally {
      try (var s = Files.walk(state)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static MessageSummary sentMessage(int contact) {
    Instant when = NOW.minus(Duration.ofDays(2));
    return MessageSummary.parse(
        "Sent",
        FolderRole.SENT,
        2L * contact + 1,
        when,
        "From: "
            + ME
            + "\r\nTo: person"
            + contact
            + "@faculty.example.edu\r\nSubject: Hello\r\nMessage-ID: <ask"
            + contact
            + "@example.org>\r\nDate: "
            + RFC.format(when.atZone(ZoneOffset.UTC))
            + "\r\n");
  }

  private static MessageSummary reply(int contact) {
    Instant when = NOW.minus(Duration.ofDays(1));
    return MessageSummary.parse(
        "INBOX",
        FolderRole.INBOX,
        2L * contact + 2,
        when,
        "From: person"
            + contact
            + "@faculty.example.edu\r\nTo: "
            + ME
            + "\r\nSubject: Re: Hello\r\nMessage-ID: <re"
            + contact
            + "@faculty.example.edu>\r\nIn-Reply-To: <ask"
            + contact
            + "@example.org>\r\nDate: "
            + RFC.format(when.atZone(ZoneOffset.UTC))
            + "\r\n");
  }

  private static long liveHeapMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) / (1024 * 1024);
  }

  /** Resident set size now (VmRSS), in MB; -1 where /proc is missing. */
  private static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return -1;
  }
}
