package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.GreenMailServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport lint --imap}: the mailbox is read for thread context, and its failures are
 * one-line errors.
 */
class LintImapTest {

  private static final String ME = "chidinma@example.org";
  private static final String PASSWORD = "pw-Lint-7";

  @TempDir Path home;
  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(ME, PASSWORD);
  private String url;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void url() {
    url = "imap://" + ME + "@127.0.0.1:" + greenMail.imapPort();
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        new PrintWriter(out),
        new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]),
        env);
  }

  private Map<String, String> env(String password) {
    Map<String, String> env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", password);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  private Path draft() throws Exception {
    Path d = home.resolve("draft.eml");
    Files.writeString(
        d,
        "From: "
            + ME
            + "\r\nTo: Dr. Lee <lee@uni.edu>\r\nSubject: Following up on my observership question\r\n\r\n"
            + "Dear Dr. Lee,\r\n\r\nI wanted to follow up on my note about a two-week observership in stroke rehabilitation. "
            + "Would a 15-minute call next week suit you?\r\n\r\nBest regards,\r\nChidinma\r\n");
    return d;
  }

  @Test
  void lintWithImapReadsTheMailboxAndScoresLikeWithout() throws Exception {
    Path d = draft();
    int without = run(env(PASSWORD), "lint", "--format", "json", d.toString());
    out.getBuffer().setLength(0);
    int with = run(env(PASSWORD), "lint", "--imap", url, "--format", "json", d.toString());
    assertEquals(without, with, err.toString());
    assertTrue(out.toString().contains("\"file\""), out.toString());
    assertTrue(
        Files.isDirectory(home.resolve("cache").resolve("rapport")),
        "the mailbox was read and cached");
  }

  @Test
  void aFollowUpFiveDaysAfterAnUnansweredMessageIsFlaggedOnlyWithTheMailbox() throws Exception {
    java.time.Instant fiveDaysAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(5));
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            fiveDaysAgo.atZone(java.time.ZoneOffset.UTC));
    jakarta.mail.internet.MimeMessage sent =
        new jakarta.mail.internet.MimeMessage(
            jakarta.mail.Session.getInstance(new java.util.Properties()),
            new ByteArrayInputStream(
                ("From: "
                        + ME
                        + "\r\nTo: Dr. Lee <lee@uni.edu>\r\nSubject: Observership question\r\nMessage-ID: <first@me>\r\n"
                        + "Date: "
                        + date
                        + "\r\n\r\nWould a short call suit you?\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
          @Override
          public java.util.Date getReceivedDate() {
            return java.util.Date.from(fiveDaysAgo);
          }
        };
    try (jakarta.mail.Store st =
        jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap")) {
      st.connect("127.0.0.1", greenMail.imapPort(), ME, PASSWORD);
      jakarta.mail.Folder f = st.getFolder("Sent");
      f.create(jakarta.mail.Folder.HOLDS_MESSAGES);
      f.appendMessages(new jakarta.mail.Message[] {sent});
    }
    Path d = draft();
    run(env(PASSWORD), "lint", "--format", "json", d.toString());
    assertFalse(out.toString().contains("FOLLOW_UP_TOO_SOON"), out.toString());
    out.getBuffer().setLength(0);
    run(env(PASSWORD), "lint", "--imap", url, "--format", "json", d.toString());
    assertTrue(out.toString().contains("FOLLOW_UP_TOO_SOON"), out + "" + err);
  }

  @Test
  void aWrongPasswordWithImapIsOneLineAndExitTwo() throws Exception {
    Path d = draft();
    assertEquals(2, run(env("nope"), "lint", "--imap", url, d.toString()));
    String e = err.toString().strip();
    assertFalse(e.contains("\n"), e);
    assertTrue(e.contains("wrong user name or password"), e);
  }
}
