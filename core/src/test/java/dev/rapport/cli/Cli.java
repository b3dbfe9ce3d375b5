package dev.rapport.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process with captured streams, as a test would a real process. */
final class Cli {
  final int exit;
  final String out;
  final String err;

  private Cli(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static Cli run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), Map.of(), args);
  }

  static Cli withStdin(String stdin, String... args) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of(), args);
  }

  static Cli run(InputStream in, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> e = new HashMap<>(env);
    // Never read the developer's own ~/.config/rapport/rapport.toml in tests.
    e.putIfAbsent(
        "HOME",
        System.getProperty("java.io.tmpdir")
            + "/rapport-test-home-"
            + ProcessHandle.current().pid());
    e.putIfAbsent("XDG_CONFIG_HOME", e.get("HOME") + "/.config");
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), in, e);
    return new Cli(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
