package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password against a real Dovecot: {@code status} and {@code watch --once --on-event}, with the
 * password from {@code RAPPORT_PASSWORD} and from a password command, with {@code RAPPORT_DEBUG=1},
 * and with a wrong password. The password must reach Dovecot (the reads succeed) and appear in no
 * argv of any process alive while the hook runs, no stdout or stderr, no hook environment, no file
 * under the home folder (the sync cache among them), and not in Dovecot's own log.
 */
class DovecotSecretsTest {
  private static final String USER = "kemi";
  private static final String PASSWORD = "Dv-secret-4471-xq";
  private static final String NOW = "2026-03-01T12:00:00Z";

  @RegisterExtension
  static final DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).build();

  @TempDir Path dir;

  @BeforeAll
  static void seed() {
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      box.add(
          dovecot.sentFolder(),
          Mail.from("Kemi Adeyemi <kemi@example.org>")
              .to("Dr. Hana Lee <lee@uni.edu>")
              .subject("Observership in stroke rehab")
              .date(Instant.parse("2026-02-01T09:00:00Z"))
              .body("Would a short call suit you?")
              .build());
    }
  }

  private String url() {
    return dovecot.url(USER, DovecotServer.Security.PLAIN);
  }

  /**
   * Everything a run left where the password must not be: its output and every file it or its hook
   * wrote.
   */
  private void assertNowhere(ChildCli r) throws Exception {
    assertFalse(r.out.contains(PASSWORD), () -> "stdout: " + r);
    assertFalse(r.err.contains(PASSWORD), () -> "stderr: " + r);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("pw"))
          .forEach(files::add);
    }
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(PASSWORD), () -> f + " holds the password");
    }
    try (Stream<Path> s = Files.walk(dovecot.directory())) {
      for (Path f :
          s.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".log"))
              .toList()) {
        assertFalse(
            Files.readString(f, StandardCharsets.ISO_8859_1).contains(PASSWORD),
            () -> f + " (Dovecot's log) holds the password");
      }
    }
  }

  /** A hook that records its environment, its argv, and the argv of every process it can see. */
  private String hook() {
    Path out = dir.resolve("hook");
    return "env > '"
        + out
        + ".env'; echo \"$0 $*\" > '"
        + out
        + ".argv'; "
        + "for p in /proc/[0-9]*; do tr '\\000' ' ' < $p/cmdline 2>/dev/null; echo; done > '"
        + out
        + ".ps'";
  }

  @Test
  @Timeout(180)
  void statusAndWatchWithThePasswordInTheEnvironment() throws Exception {
    for (Map<String, String> env :
        List.of(
            Map.of("RAPPORT_PASSWORD", PASSWORD),
            Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_DEBUG", "1"))) {
      ChildCli status =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  env,
                  "status",
                  "--imap",
                  url(),
                  "--now",
                  NOW,
                  "--format",
                  "json")
              .withinContract();
      assertEquals(0, status.exit, status::toString);
      assertTrue(status.out.contains("lee@uni.edu"), status::toString);
      assertNowhere(status);
      ChildCli watch =
          ChildCli.run(
              dir,
              "< /dev/null",
              env,
              "watch",
              "--once",
              "--imap",
              url(),
              "--now",
              NOW,
              "--on-event",
              hook());
      assertEquals(0, watch.exit, watch::toString);
      String seen = Files.readString(dir.resolve("hook.env"));
      assertTrue(seen.contains("RAPPORT_EVENT_CONTACT=lee@uni.edu"), seen);
      assertFalse(seen.contains("RAPPORT_PASSWORD"), seen);
      assertTrue(
          Files.readString(dir.resolve("hook.ps")).contains("dev.rapport.cli.Main"),
          "the hook saw rapport's own argv");
      assertNowhere(watch);
    }
  }

  @Test
  @Timeout(180)
  void watchWithAPasswordCommandHidesWhatTheCommandUsed() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD + "\n");
    Path cfg = dir.resolve("rapport.toml");
    Files.writeString(
        cfg,
        "[[accounts]]\nname = \"school\"\nimap = \""
            + url()
            + "\"\npasswordCommand = \"cat \\\"$KEMI_PW_FILE\\\"\"\n");
    ChildCli watch =
        ChildCli.run(
            dir,
            "< /dev/null",
            Map.of("KEMI_PW_FILE", pw.toString(), "RAPPORT_DEBUG", "1"),
            "watch",
            "--config",
            cfg.toString(),
            "--once",
            "--now",
            NOW,
            "--on-event",
            hook());
    assertEquals(0, watch.exit, watch::toString);
    String seen = Files.readString(dir.resolve("hook.env"));
    assertTrue(seen.contains("RAPPORT_EVENT_CONTACT=lee@uni.edu"), seen);
    assertFalse(seen.contains("KEMI_PW_FILE"), seen);
    assertNowhere(watch);
  }

  @Test
  @Timeout(180)
  void aWrongPasswordWithDebugOnLeaksNeitherIt() throws Exception {
    String wrong = PASSWORD + "-not";
    for (String cmd : List.of("status", "watch")) {
      List<String> args = new ArrayList<>(List.of(cmd, "--imap", url(), "--now", NOW));
      if (cmd.equals("watch")) {
        args.add("--once");
      }
      ChildCli r =
          ChildCli.run(
                  dir,
                  "< /dev/null",
                  Map.of("RAPPORT_PASSWORD", wrong, "RAPPORT_DEBUG", "1"),
                  args.toArray(String[]::new))
              .withinContract();
      assertEquals(2, r.exit, r::toString);
      assertTrue(r.firstErrLine().contains("failed: wrong user name or password"), r::toString);
      assertFalse(r.err.contains(wrong) || r.out.contains(wrong), r::toString);
      assertNowhere(r);
    }
  }
}
