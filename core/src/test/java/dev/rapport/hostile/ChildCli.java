package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code rapport} in a child JVM with {@code -Xmx256m}, as a user's shell would: real file
 * descriptors, a real heap limit, a wall-clock bound. The hostile-input suites use it so an {@code
 * OutOfMemoryError}, a hang or a stack trace shows up as it would for a user.
 */
final class ChildCli {
  /** A hang guard per case, as the issue asks: each case finishes within 30 s. */
  static final long BOUND_SECONDS = 30;

  final int exit;
  final String out;
  final String err;
  final String label;

  private ChildCli(String label, int exit, String out, String err) {
    this.label = label;
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  /** The shell redirection for standard input: a file, {@code <&-}, or nothing (an empty file). */
  static List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.rapport.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Runs rapport with standard input given by a shell redirection ({@code "< FILE"}, {@code "<&-"},
   * {@code "< /dev/null"}).
   */
  static ChildCli run(Path work, String stdinRedirect, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" " + stdinRedirect, "sh"));
    cmd.addAll(java(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("RAPPORT_"));
    pb.environment().put("HOME", work.toString());
    pb.environment().put("XDG_CONFIG_HOME", work.resolve(".config").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", args) + ": still running after " + BOUND_SECONDS + " s");
    }
    return new ChildCli(
        String.join(" ", args) + " " + stdinRedirect,
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Asserts the contract for bad input: exit 0, 1 or 2, at most one error line on stderr, no stack
   * trace. The lint report {@code sendmail} writes to stderr (findings, their context, the score
   * and the "sending anyway" notice) is a report, not an error, and is not counted.
   */
  ChildCli withinContract() {
    assertTrue(exit == 0 || exit == 1 || exit == 2, this::toString);
    assertFalse(
        err.contains("\tat ") || err.contains("Exception in thread") || err.contains("Error:"),
        this::toString);
    assertTrue(errorLines().size() <= 1, () -> "more than one error line on stderr: " + this);
    assertFalse(err.chars().anyMatch(c -> c == 0x1b), () -> "an escape code on stderr: " + this);
    return this;
  }

  /** The first error line on standard error, past any lint report. */
  String firstErrLine() {
    List<String> lines = errorLines();
    return lines.isEmpty() ? "" : lines.get(0);
  }

  private List<String> errorLines() {
    List<String> lines = new ArrayList<>();
    for (String line : err.split("\n", -1)) {
      boolean report =
          line.startsWith("message:")
              || line.startsWith("message body:")
              || line.startsWith("message subject:")
              || line.startsWith("    ")
              || line.startsWith("rapport: sending anyway");
      if (!line.isEmpty() && !report) {
        lines.add(line);
      }
    }
    return lines;
  }

  static String classPathSeparator() {
    return File.pathSeparator;
  }

  @Override
  public String toString() {
    return label + " -> exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
