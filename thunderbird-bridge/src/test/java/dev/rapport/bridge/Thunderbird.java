package dev.rapport.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, headless Thunderbird on a throwaway profile, for end-to-end tests: side-loaded add-ons,
 * an account sending to a loopback SMTP port, stdout read line by line, killed by its pid.
 */
final class Thunderbird implements AutoCloseable {

  /** Returns Thunderbird's executable; skips the test without one, except on CI where it fails. */
  static Path require() {
    Optional<Path> found =
        java.util.stream.Stream.of(
                System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
            .map(d -> Path.of(d, "thunderbird"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "thunderbird is not installed (apt-get install -y --no-install-recommends thunderbird); CI must run this test");
      }
      Assumptions.abort("thunderbird is not installed; skipping the end-to-end test (CI runs it)");
    }
    return found.get();
  }

  /** Environment for Thunderbird and everything it starts: all state under {@code root}. */
  static Map<String, String> environment(Path root) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", root.resolve("home").toString());
    env.put("XDG_CACHE_HOME", root.resolve("home/.cache").toString());
    env.put("XDG_CONFIG_HOME", root.resolve("home/.config").toString());
    env.put("XDG_DATA_HOME", root.resolve("home/.local/share").toString());
    env.put("XDG_STATE_HOME", root.resolve("home/.local/state").toString());
    env.put("TMPDIR", root.resolve("tmp").toString());
    env.put("MOZ_CRASHREPORTER_DISABLE", "1");
    env.put("MOZ_HEADLESS", "1");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /**
   * Writes {@code user.js}: side-loading allowed, first-run dialogs off, one account on a loopback
   * SMTP port.
   */
  static void writeProfile(Path profile, int smtpPort) throws IOException {
    Files.createDirectories(profile.resolve("extensions"));
    List<String> prefs = new ArrayList<>();
    pref(prefs, "extensions.autoDisableScopes", 0);
    pref(prefs, "extensions.enabledScopes", 15);
    pref(prefs, "xpinstall.signatures.required", false);
    pref(prefs, "browser.dom.window.dump.enabled", true);
    pref(prefs, "devtools.console.stdout.content", true);
    pref(prefs, "mail.provider.suppress_dialog_on_startup", true);
    pref(prefs, "mail.shell.checkDefaultClient", false);
    pref(prefs, "mailnews.start_page.enabled", false);
    pref(prefs, "mail.spotlight.firstRunDone", true);
    pref(prefs, "mail.winsearch.firstRunDone", true);
    pref(prefs, "datareporting.policy.dataSubmissionEnabled", false);
    pref(prefs, "toolkit.telemetry.reportingpolicy.firstRun", false);
    pref(prefs, "app.update.auto", false);
    pref(prefs, "app.update.enabled", false);
    pref(prefs, "mailnews.auto_config.fetchFromISP.enabled", false);
    pref(prefs, "mailnews.auto_config.guess.enabled", false);
    pref(prefs, "network.dns.localDomains", "example.edu,example.org");

    pref(prefs, "mail.accountmanager.accounts", "account1,account2");
    pref(prefs, "mail.accountmanager.defaultaccount", "account1");
    pref(prefs, "mail.accountmanager.localfoldersserver", "server2");
    pref(prefs, "mail.account.account1.identities", "id1");
    pref(prefs, "mail.account.account1.server", "server1");
    pref(prefs, "mail.account.account2.server", "server2");
    pref(prefs, "mail.identity.id1.useremail", "chidinma@example.org");
    pref(prefs, "mail.identity.id1.fullName", "Chidinma Okeke");
    pref(prefs, "mail.identity.id1.smtpServer", "smtp1");
    pref(prefs, "mail.identity.id1.valid", true);
    pref(prefs, "mail.identity.id1.fcc", false);
    pref(prefs, "mail.identity.id1.compose_html", false);
    pref(prefs, "mail.server.server1.type", "pop3");
    pref(prefs, "mail.server.server1.hostname", "127.0.0.1");
    pref(prefs, "mail.server.server1.port", 9);
    pref(prefs, "mail.server.server1.userName", "chidinma");
    pref(prefs, "mail.server.server1.name", "Rapport test");
    pref(prefs, "mail.server.server1.login_at_startup", false);
    pref(prefs, "mail.server.server1.check_new_mail", false);
    pref(prefs, "mail.server.server1.download_on_biff", false);
    pref(prefs, "mail.server.server2.type", "none");
    pref(prefs, "mail.server.server2.hostname", "Local Folders");
    pref(prefs, "mail.server.server2.userName", "nobody");
    pref(prefs, "mail.server.server2.name", "Local Folders");
    pref(prefs, "mail.smtpservers", "smtp1");
    pref(prefs, "mail.smtp.defaultserver", "smtp1");
    pref(prefs, "mail.smtpserver.smtp1.hostname", "127.0.0.1");
    pref(prefs, "mail.smtpserver.smtp1.port", smtpPort);
    pref(prefs, "mail.smtpserver.smtp1.authMethod", 1);
    pref(prefs, "mail.smtpserver.smtp1.try_ssl", 0);
    pref(prefs, "mail.smtpserver.smtp1.description", "loopback sink");
    Files.write(profile.resolve("user.js"), prefs, StandardCharsets.UTF_8);
  }

  private static void pref(List<String> prefs, String name, Object value) {
    String v =
        value instanceof String
            ? '"' + ((String) value).replace("\\", "\\\\").replace("\"", "\\\"") + '"'
            : String.valueOf(value);
    prefs.add("user_pref(\"" + name + "\", " + v + ");");
  }

  /** Zips a folder (plus extra files) into an .xpi with manifest.json at its root. */
  static void zip(Path dir, Map<String, String> extra, Path xpi) throws IOException {
    try (OutputStream os = Files.newOutputStream(xpi);
        ZipOutputStream zip = new ZipOutputStream(os);
        var files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(p));
        zip.closeEntry();
      }
      for (Map.Entry<String, String> e : extra.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
  }

  private final Process process;
  private final List<ProcessHandle> family = new ArrayList<>();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

  Thunderbird(Path executable, Path profile, Map<String, String> env, Path logFile)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            executable.toString(), "--headless", "-profile", profile.toString(), "-no-remote");
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    process = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                  all.add(line);
                  lines.add(line);
                  log.write(line);
                  log.newLine();
                  log.flush();
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "thunderbird-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for a line starting with {@code prefix}; returns it, or null on time-out or exit. */
  String await(String prefix, long timeoutMillis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      String line =
          lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        return null;
      }
    }
  }

  /** Every line printed so far. */
  List<String> output() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Kills Thunderbird by its pid, then what it started (content processes, the native host). */
  @Override
  public void close() {
    family.addAll(process.descendants().toList());
    process.destroyForcibly();
    for (ProcessHandle child : family) {
      child.destroyForcibly();
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
