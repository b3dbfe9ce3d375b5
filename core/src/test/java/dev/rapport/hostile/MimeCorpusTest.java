package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world malformed mail from other projects' MIME test suites (listed with their SHA-256 in
 * {@code mime-corpus/MANIFEST.tsv}; where they come from and under which licence in {@code
 * mime-corpus/README.md}). Each message goes through {@code rapport lint FILE} and {@code rapport
 * sendmail -- CMD} in a child JVM with {@code -Xmx256m}: exit 0, 1 or 2 (never 3), at most one
 * error line on stderr, no stack trace, at most 30 s, and {@code sendmail}'s command gets the very
 * same bytes or does not run. The messages are read from {@code RAPPORT_MIME_CORPUS} (a {@code
 * :}-separated list of checkouts or git directories of those projects); without it the test is
 * skipped.
 */
class MimeCorpusTest {

  @TempDir Path dir;

  record Message(String sha256, String repo, String path, String what) {
    @Override
    public String toString() {
      return repo.substring(repo.indexOf('/') + 1)
          + ":"
          + path.substring(path.lastIndexOf("/", path.lastIndexOf('/') - 1) + 1)
          + " ("
          + what
          + ")";
    }
  }

  static Stream<Message> messages() throws IOException {
    List<Message> m = new ArrayList<>();
    try (InputStream in = MimeCorpusTest.class.getResourceAsStream("/mime-corpus/MANIFEST.tsv")) {
      assertNotNull(in, "mime-corpus/MANIFEST.tsv");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          m.add(new Message(f[0], f[1], f[2], f[3]));
        }
      }
    }
    return m.stream();
  }

  /**
   * The message's bytes from the first root of {@code RAPPORT_MIME_CORPUS} that has it with its
   * hash.
   */
  private static byte[] load(Message m) throws Exception {
    String roots = System.getenv("RAPPORT_MIME_CORPUS");
    assumeTrue(
        roots != null && !roots.isBlank(),
        "RAPPORT_MIME_CORPUS is not set: see mime-corpus/README.md");
    for (String root : roots.split(":")) {
      Path r = Path.of(root);
      byte[] b = null;
      if (Files.isRegularFile(r.resolve(m.path()))) {
        b = Files.readAllBytes(r.resolve(m.path()));
      } else if (Files.isRegularFile(r.resolve("HEAD"))
          && Files.isDirectory(r.resolve("objects"))) {
        Process p =
            new ProcessBuilder("git", "--git-dir=" + r, "show", "HEAD:" + m.path())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        b = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
          b = null;
        }
      }
      if (b != null
          && HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(b))
              .equals(m.sha256())) {
        return b;
      }
    }
    throw new AssertionError(
        m.repo() + " " + m.path() + " with SHA-256 " + m.sha256() + " is in none of " + roots);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @Timeout(90)
  void lintEndsWithinTheContract(Message m) throws Exception {
    Files.write(dir.resolve("d.eml"), load(m));
    ChildCli r =
        ChildCli.run(dir, "< /dev/null", Map.of(), "lint", "--color=never", "d.eml")
            .withinContract();
    System.out.println("lint " + m + " -> exit " + r.exit + ": " + r.firstErrLine());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @Timeout(90)
  void sendmailPassesTheSameBytesOrNothing(Message m) throws Exception {
    byte[] message = load(m);
    Files.write(dir.resolve("in"), message);
    ChildCli r =
        ChildCli.run(
                dir,
                "< in",
                Map.of(),
                "sendmail",
                "--fail-under",
                "0",
                "--",
                "/bin/sh",
                "-c",
                "cat > got")
            .withinContract();
    System.out.println("sendmail " + m + " -> exit " + r.exit + ": " + r.firstErrLine());
    Path got = dir.resolve("got");
    if (r.exit == 0) {
      assertArrayEquals(message, Files.readAllBytes(got), "the command got other bytes");
    } else {
      assertFalse(
          Files.exists(got) && !java.util.Arrays.equals(message, Files.readAllBytes(got)),
          "the command got other bytes");
    }
  }
}
