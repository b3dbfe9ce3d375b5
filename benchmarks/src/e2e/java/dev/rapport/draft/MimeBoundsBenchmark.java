package dev.rapport.draft;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: what the MIME bounds save. In one JVM it measures the bytes the parsing thread
 * allocates (median of several rounds, after a warm-up) to read a one-part draft (the baseline),
 * the 100,000-part and 10,000-address messages (now refused by {@link MimeBounds}), the
 * largest messages still accepted (1,000 parts, 1,000 recipients), and, for comparison, the
 * 100,000-part message split by Angus alone, as it was before the bounds. Prints each as a ratio to
 * the baseline.
 *
 * <p>Usage: {@code bench/e2e.sh dev.rapport.draft.MimeBoundsBenchmark [ROUNDS]}. In this package
 * (and not {@code dev.rapport.bench}) for {@code MimeBoundsTest}'s package-private message
 * builders.
 */
public final class MimeBoundsBenchmark {
  private MimeBoundsBenchmark() {}

  interface Work {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    byte[] baseline = MimeBoundsTest.parts(0);
    byte[] hundredThousandParts = MimeBoundsTest.parts(100_000);
    byte[] tenThousandAddresses = MimeBoundsTest.recipients(10_000);
    byte[] thousandParts = MimeBoundsTest.parts(999);
    byte[] thousandAddresses = MimeBoundsTest.recipients(1000);
    long base = measure(rounds, () -> Drafts.parse(baseline, "m.eml", DraftFormat.EML));
    System.out.printf(
        Locale.ROOT, "%-48s %12s %10s%n", "case (message size)", "allocated", "ratio");
    report("baseline: one-part draft (" + kb(baseline) + ")", base, base);
    report(
        "100,000 parts, refused (" + kb(hundredThousandParts) + ")",
        measure(rounds, () -> refused(hundredThousandParts)),
        base);
    report(
        "100,000 parts split by Angus alone (" + kb(hundredThousandParts) + ")",
        measure(
            rounds,
            () -> {
              MimeBodyPart msg =
                  new MimeBodyPart(new SharedByteArrayInputStream(hundredThousandParts));
              new MimeMultipart(new MimePartDataSource(msg)).getCount();
            }),
        base);
    report(
        "10,000 addresses, refused (" + kb(tenThousandAddresses) + ")",
        measure(rounds, () -> refused(tenThousandAddresses)),
        base);
    report(
        "1,000 parts, read (" + kb(thousandParts) + ")",
        measure(rounds, () -> Drafts.parse(thousandParts, "m.eml", DraftFormat.EML)),
        base);
    report(
        "1,000 addresses, read (" + kb(thousandAddresses) + ")",
        measure(rounds, () -> Drafts.parse(thousandAddresses, "m.eml", DraftFormat.EML)),
        base);
  }

  private static void refused(byte[] message) throws Exception {
    try {
      Drafts.parse(message, "m.eml", DraftFormat.EML);
    } catch (DraftException expected) {
      return;
    }
    throw new AssertionError("not refused");
  }

  private static String kb(byte[] b) {
    return b.length < 1 << 20
        ? (b.length >> 10) + " KB"
        : String.format(Locale.ROOT, "%.1f MB", b.length / 1048576.0);
  }

  private static void report(String what, long bytes, long base) {
    System.out.printf(
        Locale.ROOT, "%-48s %9.1f MB %9.1fx%n", what, bytes / 1048576.0, (double) bytes / base);
  }

  private static long measure(int rounds, Work w) throws Exception {
    // By reflection: the module dev.rapport does not read java.management, and should not for a
    // benchmark.
    Object mx =
        Class.forName("java.lang.management.ManagementFactory")
            .getMethod("getThreadMXBean")
            .invoke(null);
    java.lang.reflect.Method allocated =
        Class.forName("com.sun.management.ThreadMXBean")
            .getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    for (int i = 0; i < 3; i++) {
      w.run();
    }
    long[] got = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long before = (long) allocated.invoke(mx, id);
      w.run();
      got[i] = (long) allocated.invoke(mx, id) - before;
    }
    Arrays.sort(got);
    return got[rounds / 2];
  }
}
