package dev.rapport.cli;

import dev.rapport.watch.StatusEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code --on-event CMD}: runs {@code sh -c CMD} once per event, the event's JSON line on its
 * standard input and its main fields in {@code RAPPORT_EVENT_*} variables (for notify-send and
 * scripts; they come from mail headers, so quote them). Commands run one at a time, in order, on a
 * thread of their own so a slow one never holds up the watcher; at most {@link #QUEUE} wait, later
 * ones are dropped with a notice, so memory stays bounded. Whatever a command prints goes to
 * standard error: standard output is the event stream.
 *
 * <p>Thread-safe.
 */
final class EventHook implements AutoCloseable {
  static final int QUEUE = 1000;
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final int OUTPUT_LIMIT = 16 * 1024;

  private final String command;
  private final PrintWriter err;
  private final ThreadPoolExecutor worker;

  /** Names a hook keeps even when a password command mentions them: they carry no secret. */
  private static final java.util.Set<String> HARMLESS =
      java.util.Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "SHELL",
          "PWD",
          "LANG",
          "LANGUAGE",
          "TERM",
          "TMPDIR",
          "TZ",
          "DISPLAY",
          "WAYLAND_DISPLAY",
          "XDG_RUNTIME_DIR",
          "XDG_CONFIG_HOME",
          "XDG_DATA_HOME",
          "XDG_CACHE_HOME",
          "DBUS_SESSION_BUS_ADDRESS");

  /** Variables whose names say they hold a secret, whoever set them. */
  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i).*(PASSWORD|PASSWD|PASSPHRASE|_PASS$|^PASS_|TOKEN|SECRET|CREDENTIAL|API_?KEY|PRIVATE_KEY).*");

  private static final java.util.regex.Pattern VARIABLE_REFERENCE =
      java.util.regex.Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  private final java.util.Set<String> hidden;

  EventHook(String command, PrintWriter err) {
    this(command, err, java.util.Set.of());
  }

  /**
   * @param hidden variables the hook must not see (those a password or token command used), on top
   *     of {@code RAPPORT_*} and any whose name says it holds a secret
   */
  EventHook(String command, PrintWriter err, java.util.Set<String> hidden) {
    this.command = command;
    this.err = err;
    this.hidden = java.util.Set.copyOf(hidden);
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "rapport-on-event");
              t.setDaemon(true);
              return t;
            },
            (r, pool) ->
                log(
                    "on-event: "
                        + QUEUE
                        + " commands waiting already; one event was not passed on"));
  }

  void accept(StatusEvent e) {
    if (!worker.isShutdown()) {
      worker.execute(() -> run(e));
    }
  }

  private void run(StatusEvent e) {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    scrub(env, hidden);
    env.put("RAPPORT_EVENT_ACCOUNT", e.account());
    env.put("RAPPORT_EVENT_CONTACT", e.contact());
    env.put("RAPPORT_EVENT_NAME", e.name().orElse(""));
    env.put("RAPPORT_EVENT_STATE", e.state().name());
    env.put("RAPPORT_EVENT_PREVIOUS", e.previous() == null ? "" : e.previous().name());
    env.put("RAPPORT_EVENT_REASON", e.reason());
    Process p;
    try {
      p = pb.start();
    } catch (IOException ex) {
      log("on-event: cannot start sh (" + ex.getClass().getSimpleName() + ")");
      return;
    }
    Thread reader = new Thread(() -> copyOutput(p.getInputStream()), "rapport-on-event-output");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((e.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      // The command does not read its input: its choice.
    }
    try {
      if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        log(
            "on-event: the command ran longer than "
                + COMMAND_TIMEOUT.toSeconds()
                + " s and was stopped");
        return;
      }
      reader.join(1000);
      if (p.exitValue() != 0) {
        log("on-event: the command exited with " + p.exitValue() + " for " + e.contact());
      }
    } catch (InterruptedException ex) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Removes from a hook's environment what could carry the mail password: every {@code RAPPORT_*}
   * variable (RAPPORT_PASSWORD among them), the variables named in {@code hidden}, and those whose
   * names say they hold a secret.
   */
  static void scrub(Map<String, String> env, java.util.Set<String> hidden) {
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("RAPPORT_") || hidden.contains(k) || SECRET_NAME.matcher(k).matches());
  }

  /**
   * The variables a shell command refers to ({@code $NAME}, {@code ${NAME}}), less the harmless
   * ones.
   */
  static java.util.Set<String> variablesUsedBy(
      @org.jspecify.annotations.Nullable String shellCommand) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (shellCommand != null) {
      java.util.regex.Matcher m = VARIABLE_REFERENCE.matcher(shellCommand);
      while (m.find()) {
        if (!HARMLESS.contains(m.group(1))) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private void copyOutput(InputStream in) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (kept.size() < OUTPUT_LIMIT) {
          kept.write(buf, 0, Math.min(n, OUTPUT_LIMIT - kept.size()));
        }
      }
    } catch (IOException ignored) {
      // The command ended or was stopped.
    }
    String text = kept.toString(StandardCharsets.UTF_8).strip();
    if (!text.isEmpty()) {
      for (String line : text.split("\\R")) {
        log("on-event: " + line.replaceAll("\\p{Cntrl}", " "));
      }
    }
  }

  private void log(String line) {
    synchronized (err) {
      err.println("rapport: " + line);
      err.flush();
    }
  }

  /** Lets the commands already queued finish (up to {@code wait}), then stops. */
  void drain(Duration wait) {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
