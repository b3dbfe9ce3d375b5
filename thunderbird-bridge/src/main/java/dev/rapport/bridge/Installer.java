package dev.rapport.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Registers the host with Thunderbird for the current user: copies the jar into a folder of its
 * own, writes a launcher that runs it with an absolute path to Java (Thunderbird starts hosts with
 * a bare environment, so {@code java} may not be on its {@code PATH}), and writes the host manifest
 * where Thunderbird looks for it — a file on Linux and macOS, a file named by an {@code HKCU}
 * registry key on Windows. Not thread-safe: one install at a time.
 */
final class Installer {

  /** The host's name, as the add-on's {@code connectNative} asks for it. */
  static final String HOST_NAME = "dev.rapport.bridge";

  /** The MailExtension's fixed id: the only add-on allowed to start the host. */
  static final String ADDON_ID = "rapport@rapport.dev";

  static final String REGISTRY_KEY = "HKCU\\Software\\Mozilla\\NativeMessagingHosts\\" + HOST_NAME;

  /** Thunderbird's rule for host names: word characters in dot-separated parts. */
  private static final Pattern HOST_NAME_RULE = Pattern.compile("^\\w+(\\.\\w+)*$");

  static {
    if (!HOST_NAME_RULE.matcher(HOST_NAME).matches()) {
      throw new AssertionError("invalid host name " + HOST_NAME);
    }
  }

  /** Edits the Windows registry; {@code reg.exe} in production, a fake in tests. */
  interface Registry {
    /** Sets a key's default value, creating the key. */
    void setDefault(String key, String value) throws IOException;

    /** Deletes a key if it exists. */
    void delete(String key) throws IOException;
  }

  /**
   * Records the classes the host loads into a class-data archive, so later starts map them instead
   * of loading them (about 40% off a cold start).
   */
  interface ArchiveTrainer {
    /** Writes {@code archive} from a run of {@code jar}; returns false if it could not. */
    boolean train(Path java, Path jar, Path archive);
  }

  /** What an install wrote; {@code archive} is null when none could be made. */
  record Installed(Path manifest, Path launcher, Path jar, @Nullable Path archive) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Platform platform;
  private final Path javaExecutable;
  private final Registry registry;
  private final ArchiveTrainer trainer;

  Installer(Platform platform, Path javaExecutable, Registry registry, ArchiveTrainer trainer) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable").toAbsolutePath();
    this.registry = Objects.requireNonNull(registry, "registry");
    this.trainer = Objects.requireNonNull(trainer, "trainer");
  }

  /**
   * Installs the given jar and registers it.
   *
   * @throws IOException if a file cannot be written or the registry cannot be edited
   */
  Installed install(Path sourceJar) throws IOException {
    if (!Files.isRegularFile(sourceJar)) {
      throw new IOException("no such jar: " + sourceJar);
    }
    Path dir = platform.installDir();
    Files.createDirectories(dir);
    Path jar = dir.resolve("rapport-bridge.jar");
    if (!Files.exists(jar) || !Files.isSameFile(sourceJar, jar)) {
      // Copy then move: a host that Thunderbird is running right now never sees half a jar.
      Path tmp = Files.createTempFile(dir, "rapport-bridge", ".jar.tmp");
      Files.copy(sourceJar, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Path archive = dir.resolve("rapport-bridge.jsa");
    Files.deleteIfExists(archive); // an archive of another jar would only be refused at each start
    if (!trainer.train(javaExecutable, jar, archive) || !Files.isRegularFile(archive)) {
      archive = null;
    }
    Path launcher = writeLauncher(dir, jar, archive);
    Path manifest = platform.manifestDir().resolve(HOST_NAME + ".json");
    Files.createDirectories(manifest.getParent());
    ObjectNode m = JSON.createObjectNode();
    m.put("name", HOST_NAME);
    m.put("description", "Rapport: checks a draft before Thunderbird sends it");
    m.put("path", launcher.toAbsolutePath().toString());
    m.put("type", "stdio");
    m.putArray("allowed_extensions").add(ADDON_ID);
    Files.writeString(manifest, JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
    if (platform.os() == Platform.Os.WINDOWS) {
      registry.setDefault(REGISTRY_KEY, manifest.toAbsolutePath().toString());
    }
    return new Installed(
        manifest.toAbsolutePath(), launcher.toAbsolutePath(), jar.toAbsolutePath(), archive);
  }

  /**
   * Removes what {@link #install} wrote; what is already gone is no error.
   *
   * @return the paths removed
   */
  List<Path> uninstall() throws IOException {
    List<Path> removed = new ArrayList<>();
    if (platform.os() == Platform.Os.WINDOWS) {
      registry.delete(REGISTRY_KEY);
    }
    Path dir = platform.installDir();
    for (Path p :
        List.of(
            platform.manifestDir().resolve(HOST_NAME + ".json"),
            dir.resolve(launcherName()),
            dir.resolve("rapport-bridge.jar"),
            dir.resolve("rapport-bridge.jsa"),
            dir.resolve(HOST_NAME + ".json"))) {
      if (Files.deleteIfExists(p)) {
        removed.add(p);
      }
    }
    try {
      Files.deleteIfExists(dir); // only if empty: never remove what the user put there
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // leave it
    }
    return removed;
  }

  private String launcherName() {
    return platform.os() == Platform.Os.WINDOWS ? "rapport-bridge.cmd" : "rapport-bridge";
  }

  /** JVM options for a host that starts often and lives a few minutes. */
  static List<String> jvmOptions() {
    return List.of(
        // The JVM's own warnings go to stdout by default, which would corrupt the frames.
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-XX:TieredStopAtLevel=1");
  }

  private Path writeLauncher(Path dir, Path jar, @Nullable Path archive) throws IOException {
    Path launcher = dir.resolve(launcherName());
    String java = javaExecutable.toString();
    List<String> options = new ArrayList<>(jvmOptions());
    if (archive != null) {
      options.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
    }
    String text;
    if (platform.os() == Platform.Os.WINDOWS) {
      StringBuilder sb = new StringBuilder("@echo off\r\n");
      sb.append('"').append(java).append('"');
      for (String o : options) {
        sb.append(' ').append(o.contains(" ") ? '"' + o + '"' : o);
      }
      sb.append(" -jar \"").append(jar.toAbsolutePath()).append("\" %*\r\n");
      text = sb.toString();
    } else {
      StringBuilder sb =
          new StringBuilder(
              "#!/bin/sh\n# Written by `rapport-bridge.jar install`; Thunderbird runs it as MANIFEST ADDON_ID.\n");
      sb.append("exec ").append(shellQuote(java));
      for (String o : options) {
        sb.append(' ').append(o.contains(" ") ? shellQuote(o) : o);
      }
      sb.append(" -jar ").append(shellQuote(jar.toAbsolutePath().toString())).append(" \"$@\"\n");
      text = sb.toString();
    }
    Path tmp = Files.createTempFile(dir, "launcher", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    if (platform.os() != Platform.Os.WINDOWS) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException e) {
        tmp.toFile().setExecutable(true);
      }
    }
    Files.move(tmp, launcher, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return launcher;
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Trains the archive by running the installed host on a ping and a sample draft. */
  static final class ProcessTrainer implements ArchiveTrainer {
    @Override
    public boolean train(Path java, Path jar, Path archive) {
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      command.addAll(jvmOptions());
      command.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
      command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
          FrameWriter frames = new FrameWriter(in);
          frames.write("{\"id\":1,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
          frames.write(RequestHandler.sampleLintRequest().getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return false;
        }
        return p.exitValue() == 0 && Files.isRegularFile(archive);
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The registry through {@code reg.exe}, as shipped with every Windows. */
  static final class RegExe implements Registry {
    @Override
    public void setDefault(String key, String value) throws IOException {
      run(List.of("reg", "add", key, "/ve", "/t", "REG_SZ", "/d", value, "/f"), false);
    }

    @Override
    public void delete(String key) throws IOException {
      run(List.of("reg", "delete", key, "/f"), true);
    }

    private static void run(List<String> command, boolean missingIsFine) throws IOException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      int code;
      try {
        code = p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running reg", e);
      }
      if (code != 0 && !missingIsFine) {
        throw new IOException("reg " + command.get(1) + " failed (" + code + "): " + output);
      }
    }
  }
}
