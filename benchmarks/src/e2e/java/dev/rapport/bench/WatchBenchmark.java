package dev.rapport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.Imap;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Not a test: the latency and recovery harness behind {@code bench/watch.sh}. Against a throwaway
 * Dovecot with a mailbox of {@code BACKGROUND} messages plus one probe contact per round, it runs
 * the real {@code rapport watch --format jsonl} as a child process and measures
 *
 * <ul>
 *   <li>latency: from the start of a reply's APPEND to its event line on the watcher's stdout, and,
 *       for the same APPEND, to the EXISTS seen by a bare Angus client idling on INBOX (the
 *       baseline: what IDLE alone costs);
 *   <li>CPU per new message: the watcher process's CPU time (every thread, from {@code /proc}) from
 *       the start of that APPEND to 1.5 s later, which holds its sync, its evaluation and its
 *       return to IDLE, against a window as long just before it without mail; with the share of the
 *       thread that syncs and of the JIT compiler, the median of the later half of the rounds
 *       (warmer code), and the load average;
 *   <li>recovery: after Dovecot is stopped and started again, from the start command to the event
 *       for a reply appended as soon as the server accepts logins; the baseline is a bare client's
 *       first login from the same moment. Restarts are 11 s apart, past the 10 s a connection must
 *       stand before the watcher's backoff starts over, so each is an isolated restart, not a flap.
 * </ul>
 *
 * <p>Usage: {@code WatchBenchmark [ROUNDS] [BACKGROUND] [RESTARTS]} (default 20 2000 5), as root
 * with dovecot-imapd installed.
 */
public final class WatchBenchmark {
  private WatchBenchmark() {}

  private static final String USER = "bench";
  private static final String PASSWORD = "bench-pw";
  private static final String ME = "Bench User <bench@example.org>";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int background = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path home = Files.createTempDirectory("rapport-watch-bench");
    try (DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).build()) {
      List<Mail> probes = seed(dovecot, rounds + restarts, background);
      dovecot.start();
      Process watcher = startWatcher(dovecot.port(), home);
      BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      pump(watcher, events, log);
      // Everyone is announced once at the start; wait for the probes' lines and for IDLE to be up.
      awaitLog(log, "watching INBOX", Duration.ofMinutes(2));
      int initial = drainUntilQuiet(events);
      System.out.println(
          "mailbox: "
              + background
              + " background messages, "
              + probes.size()
              + " probe contacts; "
              + initial
              + " events at start; watcher: "
              + lastMatching(log, "watching"));

      long[] watch = new long[rounds];
      long[] bare = new long[rounds];
      long[] cpu = new long[rounds];
      long[] idleCpu = new long[rounds];
      long[] watchCpu = new long[rounds];
      long[] jitCpu = new long[rounds];
      try (IMAPStore idler = dovecot.connect(USER, DovecotServer.Security.PLAIN);
          IMAPStore appender = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
        IMAPFolder inbox = (IMAPFolder) idler.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        BlockingQueue<Long> exists = new LinkedBlockingQueue<>();
        inbox.addMessageCountListener(
            new MessageCountAdapter() {
              @Override
              public void messagesAdded(MessageCountEvent e) {
                exists.add(System.nanoTime());
              }
            });
        Thread idle =
            new Thread(
                () -> {
                  try {
                    while (!Thread.currentThread().isInterrupted()) {
                      inbox.idle(true);
                    }
                  } catch (Exception e) {
                    // closed at the end
                  }
                },
                "bare-idle");
        idle.setDaemon(true);
        idle.start();
        Thread.sleep(500);
        for (int i = 0; i < rounds; i++) {
          Mail probe = probes.get(i);
          Mail reply =
              probe
                  .reply(probe.to().get(0))
                  .date(NOW.minus(Duration.ofHours(1)))
                  .body("Happy to help.")
                  .build();
          exists.clear();
          // The same window without mail first: what the watcher spends doing nothing (its
          // watchdogs, the JIT, GC), the baseline of the CPU figure below.
          long idle0 = cpuNanos(watcher);
          Thread.sleep(WINDOW_MS);
          idleCpu[i] = cpuNanos(watcher) - idle0;
          long cpu0 = cpuNanos(watcher);
          Map<String, Long> threads0 = cpuByThread(watcher);
          long t0 = System.nanoTime();
          Imap.append(appender, "INBOX", reply, new Flags());
          Long tBare = exists.poll(10, TimeUnit.SECONDS);
          JsonNode e =
              awaitEvent(events, bare(probe.to().get(0)), "REPLIED", Duration.ofSeconds(10));
          long tWatch = e.get("_t").asLong();
          bare[i] = tBare == null ? -1 : tBare - t0;
          watch[i] = tWatch - t0;
          // The sync is over once the event is out, but the watcher may still be saving its state
          // and re-entering IDLE: the window is the same length as the idle one.
          Thread.sleep(Math.max(0, WINDOW_MS - TimeUnit.NANOSECONDS.toMillis(tWatch - t0)));
          cpu[i] = cpuNanos(watcher) - cpu0;
          for (Map.Entry<String, Long> t : cpuByThread(watcher).entrySet()) {
            long ns = t.getValue() - threads0.getOrDefault(t.getKey(), 0L);
            if (t.getKey().startsWith("rapport-watch")) {
              watchCpu[i] += ns; // the thread that syncs and evaluates
            } else if (t.getKey().contains("Compiler")) {
              jitCpu[i] += ns;
            }
          }
          Thread.sleep(300); // let the bare client re-enter IDLE
        }
        idle.interrupt();
      }
      System.out.printf(
          "latency, APPEND to event (median of %d): rapport watch %.0f ms, bare IDLE client %.0f ms, ratio %.2f;"
              + " p90 %.0f / %.0f ms%n",
          rounds,
          ms(median(watch)),
          ms(median(bare)),
          median(watch) / (double) median(bare),
          ms(percentile(watch, 90)),
          ms(percentile(bare, 90)));
      long[] late = java.util.Arrays.copyOfRange(cpu, rounds / 2, rounds);
      System.out.printf(
          "CPU of the watcher process per new message, APPEND to %d ms later (goal <= 50 ms), median of %d:"
              + " %.1f ms (p90 %.1f ms), of which the syncing thread %.1f ms and the JIT compiler %.1f ms;"
              + " median of the last %d rounds %.1f ms; the same window without mail %.1f ms; load average %s%n",
          WINDOW_MS,
          rounds,
          ms(median(cpu)),
          ms(percentile(cpu, 90)),
          ms(median(watchCpu)),
          ms(median(jitCpu)),
          late.length,
          ms(median(late)),
          ms(median(idleCpu)),
          loadAverage());

      long[] recovery = new long[restarts];
      long[] relogin = new long[restarts];
      for (int i = 0; i < restarts; i++) {
        Mail probe = probes.get(rounds + i);
        dovecot.stop();
        awaitLog(log, "trying again", Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        dovecot.start(); // returns once it accepts logins
        relogin[i] = bareRelogin(dovecot, t0);
        try (IMAPStore appender = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
          Imap.append(
              appender,
              "INBOX",
              probe
                  .reply(probe.to().get(0))
                  .date(NOW.minus(Duration.ofHours(1)))
                  .body("Yes.")
                  .build(),
              new Flags());
        }
        JsonNode e = awaitEvent(events, bare(probe.to().get(0)), "REPLIED", Duration.ofMinutes(6));
        recovery[i] = e.get("_t").asLong() - t0;
        log.clear();
        // A watcher backs off further when a connection fails again within 10 s of coming back (a
        // flapping server); let it stand that long, so each restart is measured as an isolated one.
        Thread.sleep(11_000);
      }
      System.out.printf(
          "recovery after a restart (median of %d): %.0f ms to the event (max %.0f ms); bare client login %.0f ms;"
              + " ratio %.1f%n",
          restarts,
          ms(median(recovery)),
          ms(max(recovery)),
          ms(median(relogin)),
          median(recovery) / (double) Math.max(1, median(relogin)));

      long t0 = System.nanoTime();
      new ProcessBuilder("kill", "-TERM", Long.toString(watcher.pid())).start().waitFor();
      boolean stopped = watcher.waitFor(10, TimeUnit.SECONDS);
      System.out.printf(
          "SIGTERM to exit: %.0f ms (exit %s)%n",
          ms(System.nanoTime() - t0), stopped ? watcher.exitValue() : "none");
      int dupes = 0;
      for (JsonNode e : events) {
        dupes++;
        System.out.println("unexpected extra event: " + e);
      }
      System.out.println("extra or repeated events: " + dupes);
    } finally {
      try (var s = Files.walk(home)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<Mail> seed(DovecotServer dovecot, int probes, int background) {
    List<Mail> out = new ArrayList<>();
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      for (int i = 0; i < background; i += 2) {
        Mail ask =
            Mail.from(ME)
                .to("person" + (i / 2) + "@faculty" + (i % 7) + ".example.edu")
                .subject("Question " + i)
                .date(NOW.minus(Duration.ofDays(5 + i % 200)))
                .body("Could we talk for 15 minutes?")
                .build();
        box.add(dovecot.sentFolder(), ask, new Flags(Flags.Flag.SEEN));
        if (i % 4 == 0) {
          box.add(
              "INBOX",
              ask.reply(ask.to().get(0))
                  .date(NOW.minus(Duration.ofDays(3 + i % 200)))
                  .body("Sure.")
                  .build());
        } else {
          box.add(
              "INBOX",
              Mail.from("news@lists.example.org")
                  .to(ME)
                  .subject("Digest " + i)
                  .mailingList("news.example.org")
                  .date(NOW.minus(Duration.ofDays(i % 100)))
                  .body("News.")
                  .build());
        }
      }
      for (int i = 0; i < probes; i++) {
        Mail probe =
            Mail.from(ME)
                .to("probe" + i + "@uni.example.edu")
                .subject("Observership " + i)
                .date(NOW.minus(Duration.ofDays(3)))
                .body("Could we talk for 15 minutes?")
                .build();
        box.add(dovecot.sentFolder(), probe, new Flags(Flags.Flag.SEEN));
        out.add(probe);
      }
    }
    return out;
  }

  private static Process startWatcher(int port, Path home) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
    // More JVM options for the watcher, such as -XX:StartFlightRecording=... to profile its syncs.
    String extra = System.getenv().getOrDefault("WATCH_JVM_OPTS", "").strip();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.rapport.cli.Main",
            "watch",
            "--imap",
            "imap://" + USER + "@127.0.0.1:" + port,
            "--format",
            "jsonl",
            "--now",
            NOW.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return pb.start();
  }

  /**
   * Reads the watcher's output on two threads; each event gets the arrival time in a "_t" field.
   */
  private static void pump(Process p, BlockingQueue<JsonNode> events, List<String> log) {
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  long t = System.nanoTime();
                  if (!line.startsWith("{")) {
                    log.add(line); // the JVM's own word, such as a flight recording starting
                    continue;
                  }
                  com.fasterxml.jackson.databind.node.ObjectNode n =
                      (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
                  n.put("_t", t);
                  events.add(n);
                }
              } catch (IOException e) {
                // ended
              }
            },
            "watcher-stdout");
    Thread err =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  log.add(line);
                }
              } catch (IOException e) {
                // ended
              }
            },
            "watcher-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  private static void awaitLog(List<String> log, String part, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (log) {
        if (log.stream().anyMatch(l -> l.contains(part))) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the watcher never said '" + part + "': " + log);
  }

  private static String lastMatching(List<String> log, String part) {
    synchronized (log) {
      for (int i = log.size() - 1; i >= 0; i--) {
        if (log.get(i).contains(part)) {
          return log.get(i);
        }
      }
    }
    return "";
  }

  private static int drainUntilQuiet(BlockingQueue<JsonNode> events) throws InterruptedException {
    int n = 0;
    while (events.poll(2, TimeUnit.SECONDS) != null) {
      n++;
    }
    return n;
  }

  private static JsonNode awaitEvent(
      BlockingQueue<JsonNode> events, String contact, String state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new IllegalStateException(
            "no " + state + " event for " + contact + " within " + timeout);
      }
      if (e.get("contact").asText().equals(contact) && e.get("state").asText().equals(state)) {
        return e;
      }
      System.out.println("unexpected event: " + e);
    }
  }

  /**
   * How long each CPU window lasts: past the event, as long as the idle window it is set against.
   */
  private static final long WINDOW_MS = 1500;

  /**
   * The CPU time the process has used so far, in nanoseconds: the sum over its threads of {@code
   * /proc/PID/task/TID/schedstat} (time on a CPU, user and system, every thread: the sync's,
   * IDLE's, GC's and the JIT's), finer than the 10 ms ticks of {@code /proc/PID/stat}. Linux only,
   * as is the benchmark's Dovecot. A thread that ended between two readings takes its time along.
   */
  private static long cpuNanos(Process p) throws IOException {
    return cpuByThread(p).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The CPU time of each kind of thread so far, by the name the kernel knows it by (the first 15
   * characters of the Java name, digits dropped, so the compiler and GC threads each add up).
   */
  private static Map<String, Long> cpuByThread(Process p) throws IOException {
    Map<String, Long> out = new java.util.HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+", "#");
          String s = Files.readString(t.resolve("schedstat")).strip();
          out.merge(name, Long.parseLong(s.substring(0, s.indexOf(' '))), Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended meanwhile.
        }
      }
    }
    return out;
  }

  private static String loadAverage() {
    try {
      String[] w = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return w[0]
          + " "
          + w[1]
          + " "
          + w[2]
          + " ("
          + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long bareRelogin(DovecotServer dovecot, long t0) throws InterruptedException {
    while (true) {
      try (IMAPStore s = dovecot.connect(USER, DovecotServer.Security.PLAIN)) {
        return System.nanoTime() - t0;
      } catch (Exception e) {
        Thread.sleep(50);
      }
    }
  }

  private static String bare(String address) {
    int lt = address.indexOf('<');
    return (lt >= 0 ? address.substring(lt + 1, address.indexOf('>')) : address)
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static long median(long[] v) {
    return percentile(v, 50);
  }

  private static long percentile(long[] v, int p) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  private static long max(long[] v) {
    return java.util.Arrays.stream(v).max().orElse(0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
