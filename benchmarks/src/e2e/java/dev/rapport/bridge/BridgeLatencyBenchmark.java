package dev.rapport.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a test): how long the host takes to answer a draft, started as Thunderbird starts
 * it (a new process on pipes, the launcher's JVM options), against a baseline host that answers
 * without looking ({@link EchoHost}) measured in the same run.
 *
 * <ul>
 *   <li>cold: process start to the first scorecard (Thunderbird starts the host when a compose
 *       window opens, or at the send when the event page had been idle)
 *   <li>warm: one more draft on the open port, each draft new (no cache), and an unchanged draft
 *       again (cache)
 * </ul>
 *
 * <p>Run from the top of the tree, after {@code mvn -B -q -pl thunderbird-bridge -am package
 * -DskipTests} (for {@code thunderbird-bridge/target/rapport-bridge.jar}): {@code bench/e2e.sh
 * dev.rapport.bridge.BridgeLatencyBenchmark [rounds]}
 */
public final class BridgeLatencyBenchmark {
  private BridgeLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path jar =
        Path.of(
                System.getProperty(
                    "rapport.bridge.jar", "thunderbird-bridge/target/rapport-bridge.jar"))
            .toAbsolutePath();
    String testClasses =
        Path.of(EchoHost.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Path tmp = Files.createTempDirectory("rapport-bench");
    Map<String, String> env =
        Map.of(
            "HOME",
            tmp.toString(),
            "XDG_CONFIG_HOME",
            tmp.resolve("config").toString(),
            "XDG_STATE_HOME",
            tmp.resolve("state").toString());
    List<String> echo = HostProcess.javaCommand("-cp", testClasses, EchoHost.class.getName());
    List<String> rapport = HostProcess.javaCommand("-jar", jar.toString());
    // As installed: the launcher `install` writes, with the class-data archive it trains.
    Platform platform =
        new Platform(Platform.Os.of(System.getProperty("os.name")), env, tmp.toString());
    Installer.Installed installed =
        new Installer(
                platform,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                new Installer.RegExe(),
                new Installer.ProcessTrainer())
            .install(jar);
    List<String> launcher = List.of(installed.launcher().toString());

    // One untimed start of each, so all meet a warm OS file cache.
    cold(echo, env, tmp, 0);
    cold(rapport, env, tmp, 0);
    cold(launcher, env, tmp, 0);
    double[] coldEcho = new double[rounds];
    double[] coldRapport = new double[rounds];
    double[] coldLauncher = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      coldEcho[i] = cold(echo, env, tmp, i + 1);
      coldRapport[i] = cold(rapport, env, tmp, i + 1);
      coldLauncher[i] = cold(launcher, env, tmp, i + 1);
    }
    double[][] warmEcho = warm(echo, env, tmp);
    double[][] warmRapport = warm(rapport, env, tmp);

    System.out.printf(
        Locale.ROOT,
        "%-50s %10s %10s %8s%n",
        "median of " + rounds + " cold / 300 warm",
        "echo ms",
        "rapport ms",
        "ratio");
    row("cold: start + first draft, plain java -jar", median(coldEcho), median(coldRapport));
    row(
        "cold: the same via the installed launcher" + (installed.archive() != null ? " (CDS)" : ""),
        median(coldEcho),
        median(coldLauncher));
    row("warm: a new draft each time", median(warmEcho[0]), median(warmRapport[0]));
    row("warm: p95, a new draft each time", p95(warmEcho[0]), p95(warmRapport[0]));
    row("warm: the same draft again (cache)", median(warmEcho[1]), median(warmRapport[1]));
    System.out.printf(
        Locale.ROOT,
        "warm goal: under 50 ms -> %s%n",
        median(warmRapport[0]) < 50 ? "met" : "NOT met");
  }

  private static void row(String name, double base, double value) {
    System.out.printf(Locale.ROOT, "%-50s %10.2f %10.2f %7.1fx%n", name, base, value, value / base);
  }

  private static String draft(int n) {
    return HostHarness.lint(
        n, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD + "\nP.S. Draft " + n + ".");
  }

  private static double cold(List<String> command, Map<String, String> env, Path tmp, int n)
      throws Exception {
    long t0 = System.nanoTime();
    try (HostProcess h = new HostProcess(command, env, tmp.resolve("stderr.txt"))) {
      h.send(draft(n));
      if (h.receive() == null) {
        throw new IllegalStateException("the host closed without answering: " + command);
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      h.closeAndWait(10);
      return ms;
    }
  }

  /** Returns round-trip times: [0] a new draft each time, [1] the same draft again. */
  private static double[][] warm(List<String> command, Map<String, String> env, Path tmp)
      throws Exception {
    try (HostProcess h = new HostProcess(command, env, tmp.resolve("stderr.txt"))) {
      for (int i = 0;
          i < 200;
          i++) { // warm-up: the JIT and the caches, as a long compose session would
        h.send(draft(100_000 + i));
        h.receive();
      }
      List<Double> fresh = new ArrayList<>();
      List<Double> same = new ArrayList<>();
      String repeated = draft(7);
      for (int i = 0; i < 300; i++) {
        long t0 = System.nanoTime();
        h.send(draft(i));
        h.receive();
        fresh.add((System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        h.send(repeated);
        h.receive();
        same.add((System.nanoTime() - t0) / 1e6);
      }
      h.closeAndWait(10);
      return new double[][] {
        fresh.stream().mapToDouble(Double::doubleValue).toArray(),
        same.stream().mapToDouble(Double::doubleValue).toArray()
      };
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double p95(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(s.length * 0.95))];
  }
}
