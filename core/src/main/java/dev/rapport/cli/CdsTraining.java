package dev.rapport.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs, at package time, the command lines whose classes the class-data archive of bin/rapport
 * should hold: {@code rapport lint} with text and with JSON output, on sample drafts (core/pom.xml,
 * execution {@code cds-archive}). One run of the command line could only take one format. Not part
 * of the command line; not thread-safe.
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Lints {@code files} in each output format, with no configuration file, discarding the output.
   */
  public static void main(String[] files) {
    // What Main.main reads before it runs the command line.
    System.getenv().size();
    System.console();
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Path none = Path.of(System.getProperty("java.io.tmpdir"), "rapport-cds-training-no-config");
    Map<String, String> env = Map.of("HOME", none.toString(), "XDG_CONFIG_HOME", none.toString());
    for (String format : new String[] {"text", "json"}) {
      String[] args = new String[files.length + 2];
      args[0] = "lint";
      args[1] = "--format=" + format;
      System.arraycopy(files, 0, args, 2, files.length);
      Main.run(args, sink, sink, InputStream.nullInputStream(), env);
    }
  }
}
