package dev.rapport.app;

import dev.rapport.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The {@code rapport} command line, run in-process: the supported way for an application, a demo or
 * a test to run {@code rapport lint}, {@code status}, {@code watch} … without a child process.
 * Everything behaves as at a terminal's prompt, exit codes included, except that output goes to the
 * writers given, input comes from {@code in}, and the environment is {@code env} (not the
 * process's).
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * int code = Rapport.run(List.of("lint", "draft.eml"), new PrintWriter(out), new PrintWriter(System.err),
 *     InputStream.nullInputStream(), Map.of("HOME", home));
 * }</pre>
 *
 * <p>Thread-safe: each call is a command of its own.
 */
public final class Rapport {
  private Rapport() {}

  /** Exit code: every draft passes, or the command did what was asked. */
  public static final int OK = Main.OK;

  /** Exit code: a draft fails. */
  public static final int FINDINGS = Main.FINDINGS;

  /** Exit code: usage error, unreadable input, bad configuration. */
  public static final int USAGE = Main.USAGE;

  /** Exit code: a bug. */
  public static final int INTERNAL = Main.INTERNAL;

  /**
   * Runs one command, such as {@code List.of("status", "--imap", url)}, and returns its exit code
   * (0 ok, 1 a draft fails, 2 usage/input/config error, 3 internal). Never throws for bad input.
   */
  public static int run(
      List<String> args,
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Map<String, String> env) {
    return Main.run(args.toArray(String[]::new), out, err, in, env);
  }
}
