package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail password reaches the server and nothing else: not a hook's environment, not an error
 * message, not the output, also with {@code RAPPORT_DEBUG=1} and a wrong password. Runs the CLI in
 * a child JVM, since a hook inherits the real process environment.
 */
class HostileSecretsTest {
  private static final String USER = "asha@example.org";
  private static final String PASSWORD = "pw-Zq81-secret";
  private static final String NOW = "2026-03-01T12:00:00Z";

  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(USER, PASSWORD);

  @TempDir Path dir;

  private void sentMail() {
    greenMail.append(
        USER,
        "Sent",
        Mail.from("Asha Rao <" + USER + ">")
            .to("kim@uni.edu")
            .subject("Observership in stroke rehab")
            .date(Instant.parse(NOW).minus(Duration.ofDays(20)))
            .body("Could we talk for 15 minutes?")
            .build(),
        new Flags(Flags.Flag.SEEN));
  }

  private void assertNoSecret(ChildCli r, Path... files) throws Exception {
    assertFalse(r.out.contains(PASSWORD), r::toString);
    assertFalse(r.err.contains(PASSWORD), r::toString);
    for (Path f : files) {
      if (Files.exists(f)) {
        assertFalse(Files.readString(f).contains(PASSWORD), () -> f + " holds the password");
      }
    }
  }

  @Test
  void aHookSeesNeitherThePasswordNorWhatThePasswordCommandUsed() throws Exception {
    sentMail();
    Path pwFile = dir.resolve("pw");
    Files.writeString(pwFile, PASSWORD + "\n");
    Path cfg = dir.resolve("rapport.toml");
    Files.writeString(
        cfg,
        "[[accounts]]\nname = \"school\"\nimap = \""
            + greenMail.url(USER)
            + "\"\npasswordCommand = \"cat \\\"$SCHOOL_PW_FILE\\\"; : ${SCHOOL_GPG_KEYRING}\"\n");
    Path hookEnv = dir.resolve("hook-env.txt");
    ChildCli r =
        ChildCli.run(
            dir,
            "< /dev/null",
            Map.of(
                "SCHOOL_PW_FILE",
                pwFile.toString(),
                "SCHOOL_GPG_KEYRING",
                "kr",
                "MY_API_TOKEN",
                "t0k",
                "KEEP_ME",
                "yes"),
            "watch",
            "--config",
            cfg.toString(),
            "--once",
            "--now",
            NOW,
            "--on-event",
            "env > '" + hookEnv + "'");
    assertEquals(0, r.exit, r::toString);
    String seen = Files.readString(hookEnv);
    assertTrue(seen.contains("RAPPORT_EVENT_CONTACT=kim@uni.edu"), seen);
    assertTrue(seen.contains("KEEP_ME=yes"), seen);
    for (String hidden :
        java.util.List.of("SCHOOL_PW_FILE=", "SCHOOL_GPG_KEYRING=", "MY_API_TOKEN=")) {
      assertFalse(seen.contains(hidden), hidden + " in\n" + seen);
    }
    assertNoSecret(r, hookEnv);
  }

  @Test
  void aHookDoesNotInheritRapportPassword() throws Exception {
    sentMail();
    Path hookEnv = dir.resolve("hook-env.txt");
    ChildCli r =
        ChildCli.run(
            dir,
            "< /dev/null",
            Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_DEBUG", "1"),
            "watch",
            "--imap",
            greenMail.url(USER),
            "--once",
            "--now",
            NOW,
            "--on-event",
            "env > '" + hookEnv + "'");
    assertEquals(0, r.exit, r::toString);
    assertTrue(Files.readString(hookEnv).contains("RAPPORT_EVENT_STATE="));
    assertFalse(Files.readString(hookEnv).contains("RAPPORT_PASSWORD"));
    assertNoSecret(r, hookEnv);
    try (var cache = Files.walk(dir)) {
      for (Path f : cache.filter(Files::isRegularFile).toList()) {
        assertFalse(
            Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(PASSWORD),
            f::toString);
      }
    }
  }

  @Test
  void aWrongPasswordWithDebugOnLeaksNothing() throws Exception {
    for (String cmd : java.util.List.of("status", "watch")) {
      String[] args =
          cmd.equals("watch")
              ? new String[] {cmd, "--imap", greenMail.url(USER), "--once", "--now", NOW}
              : new String[] {cmd, "--imap", greenMail.url(USER), "--now", NOW};
      ChildCli r =
          ChildCli.run(
              dir,
              "< /dev/null",
              Map.of("RAPPORT_PASSWORD", PASSWORD + "-wrong", "RAPPORT_DEBUG", "1"),
              args);
      assertEquals(2, r.exit, r::toString);
      assertFalse(r.err.contains(PASSWORD), r::toString);
      assertFalse(r.out.contains(PASSWORD), r::toString);
    }
  }

  @Test
  void aUrlThatDoesNotParseIsPrintedWithoutItsPassword() throws Exception {
    ChildCli r =
        ChildCli.run(
                dir,
                "< /dev/null",
                Map.of(),
                "status",
                "--imap",
                "imap://amara:" + PASSWORD + "@bad_host:1")
            .withinContract();
    assertEquals(2, r.exit, r::toString);
    assertEquals(
        "rapport: bad IMAP URL 'imap://amara:***@bad_host:1': expected imap[s]://USER@HOST[:PORT]",
        r.firstErrLine());
    assertFalse(r.err.contains(PASSWORD));
  }

  @Test
  void redactionCoversEveryShapeOfUserInfo() {
    assertEquals(
        "imap://amara:***@host:1", dev.rapport.imap.ImapUrl.redact("imap://amara:s3cret@host:1"));
    assertEquals(
        "imaps://a:***@h/INBOX", dev.rapport.imap.ImapUrl.redact("imaps://a:p@ss@word@h/INBOX"));
    assertEquals("imap://amara:***", dev.rapport.imap.ImapUrl.redact("imap://amara:s3cret"));
    assertEquals("imap://amara@host:143", dev.rapport.imap.ImapUrl.redact("imap://amara@host:143"));
    assertEquals("imap://[::1]", dev.rapport.imap.ImapUrl.redact("imap://[::1]"));
  }
}
