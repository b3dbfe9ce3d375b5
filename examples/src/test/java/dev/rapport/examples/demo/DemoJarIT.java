package dev.rapport.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar examples/target/rapport-demo.jar}, as README tells a newcomer to run it: starts,
 * shows, and exits 0 by itself.
 */
class DemoJarIT {

  @TempDir Path tmp;

  /**
   * Runs the built jar with the given arguments in a clean environment; fails if it is still
   * running after 90 seconds.
   */
  static Result runJar(Path tmp, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("rapport.demo.jar", "target/rapport-demo.jar"));
    assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path output = tmp.resolve("demo.out");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .directory(tmp.toFile());
    // A fresh machine: no mail account, no configuration, a home folder of its own.
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RAPPORT_") || k.startsWith("XDG_"));
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "the demo was still running after 90 seconds:\n" + Files.readString(output));
      }
      return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  record Result(int exitCode, String output) {}

  @Test
  void theJarRunsTheWholeDemoAndExitsZeroByItself() throws Exception {
    Result r = runJar(tmp);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().startsWith("Rapport demo\n"), r.output());
    assertTrue(r.output().contains("\nSTATE           CONTACT"), r.output());
    assertTrue(r.output().contains("observership.eml: "), r.output());
    assertTrue(r.output().contains("\n4. Listening for replies\n"), r.output());
    assertTrue(r.output().contains("\nDone in "), r.output());
    // Nothing but the show: GreenMail's logging (SLF4J) is silenced, and so are its stack traces
    // when the watcher cuts its connections on closing.
    assertTrue(!r.output().contains("SLF4J"), r.output());
    assertTrue(!r.output().contains("Exception"), r.output());
  }
}
