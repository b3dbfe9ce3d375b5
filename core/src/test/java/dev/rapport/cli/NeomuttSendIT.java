package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's neomutt setup, end to end: the distribution unpacked and installed with its {@code
 * install.sh} into a throwaway prefix, and a real neomutt in batch mode whose {@code sendmail} is
 * the installed launcher's {@code rapport sendmail -- MTA}. The MTA is a script that keeps its
 * arguments and the bytes it is given; a recorder in front of the launcher keeps the bytes neomutt
 * handed over, so the two can be compared. Skips where neomutt is not installed, except on CI
 * (which installs it).
 */
class NeomuttSendIT {

  @TempDir static Path tmp;

  private static Path neomutt;
  private static Path launcher;

  /** Neomutt's executable; skips without one, except on CI where it fails. */
  static Path neomutt() {
    Optional<Path> found =
        Arrays.stream(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
            .map(d -> Path.of(d, "neomutt"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "neomutt is not installed (apt-get install -y neomutt); CI must run this test");
      }
      Assumptions.abort("neomutt is not installed; skipping the neomutt send test (CI runs it)");
    }
    return found.get();
  }

  /** Unpacks {@code rapport-VERSION.tar.gz} and runs its install.sh, as README's Install says. */
  @BeforeAll
  static void install() throws Exception {
    neomutt = neomutt();
    Path dist = Path.of(System.getProperty("rapport.dist", "target/rapport-dist.tar.gz"));
    assertTrue(Files.isRegularFile(dist), "build the distribution first: " + dist);
    Path unpacked = Files.createDirectories(tmp.resolve("share"));
    run(List.of("tar", "-xzf", dist.toAbsolutePath().toString(), "-C", unpacked.toString()), 0);
    Path installSh;
    try (var s = Files.list(unpacked)) {
      installSh = s.findFirst().orElseThrow().resolve("install.sh");
    }
    Path prefix = tmp.resolve("prefix");
    run(List.of(installSh.toString(), prefix.toString()), 0);
    launcher = prefix.resolve("bin/rapport");
    assertTrue(Files.isSymbolicLink(launcher), "install.sh links the launcher: " + launcher);

    // The MTA: keeps its arguments, one a line, and the message.
    Path mta = tmp.resolve("mta");
    Files.writeString(
        mta,
        """
        #!/bin/sh
        printf '%s\\n' "$@" > "$MTA_DIR/args"
        cat > "$MTA_DIR/message"
        """);
    // In front of the launcher: keeps what neomutt hands its sendmail program, then passes it on.
    Path record = tmp.resolve("record");
    Files.writeString(
        record,
        """
        #!/bin/sh
        tee "$MTA_DIR/handed" | "$@"
        """);
    for (Path p : List.of(mta, record)) {
      p.toFile().setExecutable(true);
    }
    Files.writeString(
        tmp.resolve("muttrc"),
        String.join(
            "\n",
            "set sendmail=\"" + record + " " + launcher + " sendmail -- " + mta + "\"",
            "set from=\"Chidinma Okeke <chidinma@example.org>\"",
            "set use_from=yes",
            "set hostname=example.org",
            "set copy=no",
            "set record=\"\"",
            "set folder=" + tmp.resolve("mail"),
            "set spoolfile=" + tmp.resolve("mail/inbox"),
            "set charset=utf-8",
            "set send_charset=utf-8",
            ""));
  }

  /** A first message that does its job: who, why this person, one small bounded ask, status. */
  private static final String GOOD =
      "Dear Dr. Hartmann,\n\nI am a final-year medical student at the University of Lagos, Nigeria, and I hope to "
          + "train in physical medicine and rehabilitation. Your 2025 paper on robotic gait training after incomplete "
          + "spinal cord injury changed how our ward sets early walking goals.\n\nWould you have 15 minutes for a video "
          + "call in the next few weeks? I would like to ask how you chose your first research questions. I am not a US "
          + "citizen and would need J-1 sponsorship for residency.\n\nThank you for considering my request.\n\n"
          + "Sincerely,\nChidinma Okeke\n";

  /**
   * The draft of issue 15: "Dear Sir or Madam", "any opportunity", "ASAP", a CV nobody asked for.
   */
  private static final String POOR =
      "Dear Sir or Madam,\n\nI am a medical graduate from Nigeria. Please let me know ASAP about any opportunity "
          + "in your department. I have attached my CV for your reference.\n\nRegards,\nChidinma\n";

  private record Sent(int exitCode, String output, Path folder) {
    byte[] bytes(String name) throws Exception {
      return Files.readAllBytes(folder.resolve(name));
    }

    boolean has(String name) {
      return Files.exists(folder.resolve(name));
    }
  }

  /**
   * {@code neomutt -n -F muttrc [-e COMMAND] -s SUBJECT [-a FILE] -- RECIPIENT < body}, in a clean
   * environment with a home of its own; what it printed, and a folder with what the MTA got.
   */
  private static Sent neomutt(
      String name, String body, String subject, List<String> extra, String recipient)
      throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(name));
    Path bodyFile = folder.resolve("body.txt");
    Files.writeString(bodyFile, body);
    List<String> command =
        new ArrayList<>(List.of(neomutt.toString(), "-n", "-F", tmp.resolve("muttrc").toString()));
    command.addAll(extra);
    command.addAll(List.of("-s", subject, "--", recipient));
    Path output = folder.resolve("neomutt.out");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(bodyFile.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .directory(folder.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RAPPORT_") || k.startsWith("XDG_"));
    Path home = Files.createDirectories(folder.resolve("home"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MTA_DIR", folder.toString());
    env.remove("EDITOR");
    env.remove("VISUAL");
    Process p = pb.start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError("neomutt still running after 90 s:\n" + Files.readString(output));
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return new Sent(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8), folder);
  }

  private static void run(List<String> command, int expected) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(expected, p.exitValue(), String.join(" ", command) + "\n" + out);
  }

  @Test
  void aPoorDraftIsBlockedWithItsReasonsAndTheMtaGetsNothing() throws Exception {
    Path cv = Files.writeString(tmp.resolve("cv.pdf"), "%PDF-1.4 a CV\n");
    Sent s =
        neomutt(
            "poor",
            POOR,
            "Observership request",
            List.of("-a", cv.toString()),
            "Dr. Priya Raman <praman@example.edu>");
    assertTrue(s.has("handed"), "neomutt ran its sendmail program:\n" + s.output());
    assertFalse(s.has("message"), "the MTA got the message:\n" + s.output());
    assertFalse(s.has("args"), "the MTA ran:\n" + s.output());
    assertEquals(1, s.exitCode(), s.output());
    String out = s.output();
    // What neomutt shows: the wrapper's reason, the recipient in full, findings placed in the body
    // as typed (line 1 is "Dear Sir or Madam,", not a header neomutt added), the ways out.
    assertTrue(
        out.contains("rapport: message not sent: ")
            && out.contains("a careful reader would not send it (under 60)."),
        out);
    assertTrue(out.contains("    to: Dr. Priya Raman <praman@example.edu>\n"), out);
    assertTrue(out.contains("    subject: Observership request\n"), out);
    assertTrue(
        out.contains(
            "message body:1:1: warning: \"Dear Sir or Madam,\" does not name the reader, so the message reads as sent to many. [GENERIC_GREETING]\n"
                + "    Dear Sir or Madam,\n"),
        out);
    for (String rule : List.of("[PRESSURE_LANGUAGE]", "[VAGUE_ASK]", "[UNREQUESTED_CV]")) {
      assertTrue(out.contains(rule), rule + " missing:\n" + out);
    }
    assertTrue(
        out.contains("To send it anyway: add the header 'X-Rapport: send-anyway'"), "how: " + out);
    assertTrue(out.contains("child exited 1"), "neomutt says the send failed: " + out);
  }

  @Test
  void aGoodDraftGoesOutWithTheBytesNeomuttGaveIt() throws Exception {
    Sent s =
        neomutt(
            "good",
            GOOD,
            "IMG from Nigeria: 15-minute call about SCI rehabilitation research",
            List.of(),
            "Dr. Lena Hartmann <lhartmann@example.edu>");
    assertEquals(0, s.exitCode(), s.output());
    assertTrue(s.has("message"), "the MTA got nothing:\n" + s.output());
    assertArrayEquals(s.bytes("handed"), s.bytes("message"), "bytes changed on the way");
    assertEquals("lhartmann@example.edu\n", new String(s.bytes("args"), StandardCharsets.UTF_8));
    String message = new String(s.bytes("message"), StandardCharsets.UTF_8);
    assertTrue(message.contains("\nSubject: IMG from Nigeria: 15-minute call"), message);
    assertTrue(message.contains("\n\nDear Dr. Hartmann,\n"), message);
    // A clean pass: neomutt shows nothing of the wrapper.
    assertFalse(s.output().contains("rapport:"), s.output());
  }

  @Test
  void theSendAnywayHeaderLetsAPoorDraftOutAndIsRemoved() throws Exception {
    Sent s =
        neomutt(
            "anyway",
            POOR,
            "Observership request",
            List.of("-e", "my_hdr X-Rapport: send-anyway"),
            "Dr. Priya Raman <praman@example.edu>");
    assertEquals(0, s.exitCode(), s.output());
    String handed = new String(s.bytes("handed"), StandardCharsets.UTF_8);
    assertTrue(handed.contains("\nX-Rapport: send-anyway\n"), handed);
    // Every byte but that header field's line goes out unchanged.
    assertArrayEquals(
        handed.replace("\nX-Rapport: send-anyway\n", "\n").getBytes(StandardCharsets.UTF_8),
        s.bytes("message"));
  }
}
