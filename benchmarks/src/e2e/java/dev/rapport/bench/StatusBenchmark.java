package dev.rapport.bench;

import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.SyncListener;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.FollowUpPolicy;
import dev.rapport.track.MessageSummary;
import dev.rapport.track.TrackingThresholds;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Not a test: the speed harness behind {@code bench/run.sh}. In one warm JVM it times, against a
 * running server, (a) a minimal client that fetches the same header fields of every message of
 * every folder and nothing else, (b) a first {@code status} (empty cache: sync, analysis, policy)
 * and (c) a second {@code status} with nothing new, and prints medians and the ratios b/a and c/a.
 *
 * <p>Usage: {@code StatusBenchmark URL [ROUNDS]} with the password in {@code RAPPORT_PASSWORD};
 * {@code StatusBenchmark URL minimal-once} runs the minimal client once (for its peak RSS).
 */
public final class StatusBenchmark {
  private StatusBenchmark() {}

  public static void main(String[] args) throws Exception {
    ImapUrl url = ImapUrl.parse(args[0]);
    String password = System.getenv("RAPPORT_PASSWORD");
    if (args.length > 1 && args[1].equals("minimal-once")) {
      int n = minimal(url, password);
      System.out.println("minimal client: " + n + " messages, peak RSS " + peakRssMb() + " MB");
      return;
    }
    if (args.length > 1 && args[1].equals("status-once")) {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      Map<String, String> env = new HashMap<>(System.getenv());
      int code =
          dev.rapport.cli.Main.run(
              new String[] {"status", "--imap", args[0], "--now", "2026-01-15", "--format", "json"},
              new java.io.PrintWriter(out),
              new java.io.PrintWriter(err),
              System.in,
              env);
      int contacts =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).size();
      System.out.println(
          "rapport status: exit "
              + code
              + ", "
              + contacts
              + " contacts, peak RSS "
              + peakRssMb()
              + " MB"
              + (err.toString().isBlank() ? "" : " (" + err.toString().strip() + ")"));
      return;
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path tmp = Files.createTempDirectory("rapport-bench");
    FollowUpPolicy policy =
        new FollowUpPolicy(
            TrackingThresholds.DEFAULTS,
            dev.rapport.lint.AskDetector::asksSomething,
            Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC));
    long[] minimal = new long[rounds];
    long[] first = new long[rounds];
    long[] second = new long[rounds];
    int messages = 0;
    int contacts = 0;
    for (int round = -2; round < rounds; round++) { // two warm-up rounds
      long t0 = System.nanoTime();
      messages = minimal(url, password);
      long t1 = System.nanoTime();
      Path dir = Files.createTempDirectory(tmp, "cache");
      contacts = status(url, password, new SyncCache(dir), policy);
      long t2 = System.nanoTime();
      status(url, password, new SyncCache(dir), policy); // a new process: the cache comes from disk
      long t3 = System.nanoTime();
      if (round >= 0) {
        minimal[round] = t1 - t0;
        first[round] = t2 - t1;
        second[round] = t3 - t2;
      }
    }
    double m = median(minimal);
    double f = median(first);
    double s = median(second);
    System.out.printf("messages %d, contacts %d, rounds %d%n", messages, contacts, rounds);
    System.out.printf("minimal header fetch  %8.1f ms%n", m / 1e6);
    System.out.printf(
        "first status          %8.1f ms  = %.2fx minimal (goal <= 4x)%n", f / 1e6, f / m);
    System.out.printf(
        "second status         %8.1f ms  = %.2fx minimal (goal <= 2x)%n", s / 1e6, s / m);
    try (var paths = Files.walk(tmp)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int status(ImapUrl url, String password, SyncCache cache, FollowUpPolicy policy)
      throws Exception {
    MailboxSnapshot snap =
        new MailboxReader(ImapOptions.DEFAULTS, cache)
            .read(url, Credentials.password(password), SyncListener.NONE);
    List<ContactStatus> all =
        policy.evaluate(snap.correspondence(), m -> snap.text(m).orElse(null), List.of());
    return all.size();
  }

  /**
   * Fetches UID, INTERNALDATE and the summary's header fields of every message of every folder but
   * Drafts.
   */
  static int minimal(ImapUrl url, String password) throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.imap.connectiontimeout", "20000");
    p.setProperty("mail.imap.timeout", "60000");
    p.setProperty("mail.imap.writetimeout", "60000");
    IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
    store.connect(url.host(), url.port(), url.user(), password);
    int n = 0;
    try {
      for (Folder f : store.getDefaultFolder().list("*")) {
        IMAPFolder imf = (IMAPFolder) f;
        if (Arrays.asList(imf.getAttributes()).contains("\\Drafts")
            || (imf.getType() & Folder.HOLDS_MESSAGES) == 0) {
          continue;
        }
        imf.open(Folder.READ_ONLY);
        Message[] msgs = imf.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        for (String h : MessageSummary.HEADER_FIELDS) {
          fp.add(h);
        }
        imf.fetch(msgs, fp);
        n += msgs.length;
        imf.close(false);
      }
    } finally {
      store.close();
    }
    return n;
  }

  /** The process's peak resident set size (VmHWM), in MB; -1 where /proc is missing. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  private static double median(long[] xs) {
    long[] c = xs.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
  }
}
