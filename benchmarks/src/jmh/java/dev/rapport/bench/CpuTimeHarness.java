package dev.rapport.bench;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Linter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * The {@link LintBenchmark} workloads measured in CPU time of the measuring thread instead of wall
 * time, so that other processes on a shared machine slow the figures down much less: a run that is
 * descheduled is not charged for the time it waits (it still shares caches and cores). Workloads
 * run in interleaved rounds, each round timing a batch of every workload in turn; the fastest round
 * of each is reported, with the median next to it, and ratios against the baselines of the same
 * run. Garbage collection and JIT compilation happen on other threads and are not counted; the
 * process CPU time per operation is printed next to it to show what they add.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.bench.CpuTimeHarness
 * [rounds]}
 */
public final class CpuTimeHarness {
  private CpuTimeHarness() {}

  /** One measured operation; returns something so that the work cannot be optimised away. */
  @FunctionalInterface
  interface Op {
    Object run() throws Exception;
  }

  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    byte[] eml = LintBenchmark.EML.getBytes(StandardCharsets.UTF_8);
    byte[] text = LintBenchmark.TEXT.getBytes(StandardCharsets.UTF_8);
    String html = LintBenchmark.HTML;
    Linter linter = Linter.standard();

    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("lintText", () -> linter.lint(Drafts.parse(text, "bench.txt", DraftFormat.TEXT)));
    ops.put("lintHtml", () -> linter.lint(Drafts.parseHtml(html)));
    ops.put("lintEml", () -> linter.lint(Drafts.parse(eml, "bench.eml", DraftFormat.EML)));
    ops.put("parseEml", () -> Drafts.parse(eml, "bench.eml", DraftFormat.EML));
    ops.put("baselineJsoupText", () -> Jsoup.parse(html).text());
    ops.put("baselineSplitWords", () -> LintBenchmark.EML.split("\\s+").length);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    // Warm up every workload until the JIT has settled (about as long as JMH's warm-up).
    for (Op op : ops.values()) {
      long until = System.nanoTime() + 4_000_000_000L;
      while (System.nanoTime() < until) {
        for (int i = 0; i < 200; i++) {
          sink = op.run();
        }
      }
    }

    // Batch sizes chosen so each batch takes about 100 ms of CPU.
    Map<String, Integer> batch = new LinkedHashMap<>();
    for (var e : ops.entrySet()) {
      long t0 = threads.getCurrentThreadCpuTime();
      int n = 0;
      while (threads.getCurrentThreadCpuTime() - t0 < 50_000_000L) {
        sink = e.getValue().run();
        n++;
      }
      batch.put(e.getKey(), Math.max(1, n * 2));
    }

    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (var e : ops.entrySet()) {
        int n = batch.get(e.getKey());
        long p0 = os.getProcessCpuTime();
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink = e.getValue().run();
        }
        long t1 = threads.getCurrentThreadCpuTime();
        long p1 = os.getProcessCpuTime();
        samples
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new double[] {(t1 - t0) / (double) n, (p1 - p0) / (double) n});
      }
    }

    // The fastest round is the one least disturbed by other processes; the median shows the spread.
    double jsoup = quantile(samples.get("baselineJsoupText"), 0, 0);
    double split = quantile(samples.get("baselineSplitWords"), 0, 0);
    System.out.printf(
        Locale.ROOT,
        "%-20s %12s %12s %14s %14s %10s %10s%n",
        "workload",
        "best µs/op",
        "median µs/op",
        "ops/CPU-s",
        "process µs/op",
        "÷ jsoup",
        "÷ split");
    for (var e : samples.entrySet()) {
      double best = quantile(e.getValue(), 0, 0);
      System.out.printf(
          Locale.ROOT,
          "%-20s %12.2f %12.2f %14.0f %14.2f %10.2f %10.2f%n",
          e.getKey(),
          best / 1_000,
          quantile(e.getValue(), 0, 0.5) / 1_000,
          1e9 / best,
          quantile(e.getValue(), 1, 0.5) / 1_000,
          best / jsoup,
          best / split);
    }
  }

  /** Returns the {@code q} quantile (0 = smallest) of one column of the samples. */
  private static double quantile(List<double[]> xs, int column, double q) {
    double[] v = new double[xs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = xs.get(i)[column];
    }
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
  }
}
