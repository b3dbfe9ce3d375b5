package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport status} end to end through {@link Main#run} against a real Dovecot: a Maildir with
 * a localized {@code \Sent} ("Gesendet"), a filing folder, Trash ("Papierkorb"), Junk ("Spam") and
 * Drafts ("Entwürfe"), seeded with every state and with broken messages.
 */
class StatusDovecotTest {

  private static final String USER = "chidinma";
  private static final String PASSWORD = "Dovecot-pw-93";
  private static final String ME = "Chidinma Okeke <chidinma@example.org>";
  private static final String NOW = "2026-03-01T12:00:00Z";

  @RegisterExtension
  static final DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).build();

  /** TLS with a certificate for another host. */
  @RegisterExtension
  static final DovecotServer wrongCertificate =
      DovecotServer.builder().user("tls", "pw-tls").tlsCertificateFor("mail.example.net").build();

  /** Room for one connection per user and address. */
  @RegisterExtension
  static final DovecotServer limited =
      DovecotServer.builder()
          .user("one", "pw-one")
          .setting("mail_max_userip_connections", "1")
          .build();

  @TempDir static Path home;

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static Mail out(String when, String to, String subject, String body) {
    return Mail.from(ME).to(to).subject(subject).date(at(when)).body(body).build();
  }

  @BeforeAll
  static void seed() throws Exception {
    String sent = dovecot.sentFolder();
    String trash = dovecot.trashFolder();
    String junk = dovecot.junkFolder();
    String filing = dovecot.filingFolders().get(dovecot.filingFolders().size() - 1);
    try (MaildirBuilder box = dovecot.maildir(USER)) {
      // AWAITING_REPLY: written 9 days ago.
      box.add(
          sent,
          out(
              "2026-02-20T09:00:00Z",
              "Dr. Hana Lee <lee@uni.edu>",
              "Observership in stroke rehab",
              "Would a short call suit you?"));
      // FOLLOW_UP_DUE: 28 days without an answer.
      box.add(
          sent,
          out(
              "2026-02-01T09:00:00Z",
              "kim@uni.edu",
              "Your SCI study",
              "May I ask one question about it?"));
      // MOVE_ON: two follow-ups, the last 29 days ago.
      Mail p1 = out("2026-01-01T09:00:00Z", "patel@uni.edu", "Pain clinic visit", "Could I visit?");
      Mail p2 =
          p1.reply(ME)
              .date(at("2026-01-16T09:00:00Z"))
              .body("Following up: could I visit?")
              .build();
      Mail p3 =
          p2.reply(ME)
              .date(at("2026-01-31T09:00:00Z"))
              .body("One last note: could I visit?")
              .build();
      box.add(sent, p1).add(sent, p2).add(sent, p3);
      // REPLIED, the reply filed in a folder of the user's.
      Mail g =
          out(
              "2026-02-10T09:00:00Z",
              "garcia@uni.edu",
              "Amputee rehab",
              "Would you share your protocol?");
      box.add(sent, g)
          .add(
              filing,
              g.reply("Dr. Garcia <garcia@uni.edu>")
                  .date(at("2026-02-12T09:00:00Z"))
                  .body("Gladly.")
                  .build());
      // REPLIED, the reply filed in a folder with a non-ASCII name (modified UTF-7 on the wire).
      Mail u =
          out(
              "2026-02-10T08:00:00Z",
              "mueller@klinik.de",
              "Hospitation",
              "Wäre ein kurzer Anruf möglich?");
      box.add(sent, u)
          .add(
              "Bewerbungen/Universitätsklinik",
              u.reply("mueller@klinik.de").date(at("2026-02-11T08:00:00Z")).body("Gern.").build());
      // REPLIED, the reply deleted (Trash).
      Mail c =
          out("2026-02-10T10:00:00Z", "chen@uni.edu", "MSK ultrasound", "May I observe a clinic?");
      box.add(sent, c)
          .add(
              trash, c.reply("chen@uni.edu").date(at("2026-02-11T09:00:00Z")).body("Yes.").build());
      // REPLIED, the reply in Junk: flagged.
      Mail o = out("2026-02-10T11:00:00Z", "okafor@uni.edu", "Research elective", "Is there room?");
      box.add(sent, o)
          .add(
              junk,
              o.reply("okafor@uni.edu").date(at("2026-02-13T09:00:00Z")).body("Perhaps.").build());
      // IN_TOUCH: they replied, our thank-you asks nothing.
      Mail n =
          out(
              "2026-02-05T09:00:00Z",
              "nguyen@uni.edu",
              "Your talk",
              "Could you point me to the slides?");
      Mail nr =
          n.reply("nguyen@uni.edu").date(at("2026-02-06T09:00:00Z")).body("Here they are.").build();
      box.add(sent, n)
          .add("INBOX", nr)
          .add(
              sent,
              nr.reply(ME)
                  .date(at("2026-02-07T09:00:00Z"))
                  .body("Thank you very much. I will study them carefully.")
                  .build());
      // UPDATE_DUE: quiet for more than 90 days after their reply.
      Mail s = out("2025-10-01T09:00:00Z", "silva@uni.edu", "Mentorship", "Would you advise me?");
      box.add(sent, s)
          .add(
              "INBOX",
              s.reply("silva@uni.edu").date(at("2025-10-03T09:00:00Z")).body("Of course.").build());
      // BOUNCED.
      Mail b = out("2026-02-15T09:00:00Z", "gone@uni.edu", "Hello", "Are you taking observers?");
      box.add(sent, b)
          .add("INBOX", b.bounce("gone@uni.edu", true).date(at("2026-02-15T09:01:00Z")).build());
      // An auto-reply is no answer: FOLLOW_UP_DUE.
      Mail v = out("2026-02-01T10:00:00Z", "away@uni.edu", "Question", "Could we talk?");
      box.add(sent, v)
          .add(
              "INBOX",
              v.autoReply(Mail.AutoReply.VACATION).date(at("2026-02-01T10:01:00Z")).build());
      // Not contacts: list mail, a stranger, a draft.
      box.add(
          "INBOX",
          Mail.from("PM&R News <news@lists.example.org>")
              .to(ME)
              .subject("Digest")
              .mailingList("pmr.lists.example.org")
              .date(at("2026-02-20T09:00:00Z"))
              .body("News.")
              .build());
      box.add(
          "INBOX",
          Mail.from("deals@shop.example")
              .to(ME)
              .subject("Sale")
              .date(at("2026-02-21T09:00:00Z"))
              .body("Buy.")
              .build());
      box.add(
          dovecot.draftsFolder(),
          out("2026-02-25T09:00:00Z", "draft@uni.edu", "Unsent", "Not sent yet?"));
      // Broken input: garbage date and From, a reference loop, and a reply with 5,000 References.
      box.add(
          "INBOX",
          ("From: \"Unclosed <broken@@host\r\nDate: the day after tomorrow\r\nSubject: =?utf-8?B?!!!?=\r\n"
                  + "Message-ID: <loop-a@x>\r\nReferences: <loop-b@x>\r\n\r\nbody\r\n")
              .getBytes(StandardCharsets.UTF_8),
          at("2026-02-22T09:00:00Z"));
      box.add(
          "INBOX",
          ("From: x@y.example\r\nDate: Sun, 22 Feb 2026 09:00:00 +0000\r\nMessage-ID: <loop-b@x>\r\nReferences: <loop-a@x>\r\n\r\nb\r\n")
              .getBytes(StandardCharsets.UTF_8),
          at("2026-02-22T09:00:00Z"));
      Mail a =
          out(
              "2026-02-16T09:00:00Z",
              "ahmed@uni.edu",
              "Neuro rehab",
              "Would you have ten minutes?");
      List<String> refs = new ArrayList<>(Mail.generatedMessageIds(4999, "old.example"));
      refs.add(a.messageId());
      box.add(sent, a)
          .add(
              "INBOX",
              Mail.from("ahmed@uni.edu")
                  .to(ME)
                  .subject("Re: Neuro rehab")
                  .inReplyTo(a.messageId())
                  .references(refs)
                  .header("Date", "not a date at all")
                  .date(at("2026-02-18T09:00:00Z"))
                  .body("Sure.")
                  .build());
    }
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            env);
    return new Run(code, out.toString(), err.toString());
  }

  private static Path config() throws IOException {
    Path cfg = home.resolve("rapport.toml");
    Files.writeString(
        cfg,
        "[[contacts]]\nemail = \"park@clinic.org\"\nname = \"Dr. Park\"\nmetAt = \"AAPM&R assembly\"\nmetOn = 2026-02-27\n");
    return cfg;
  }

  /** Every message file name (Maildir keeps flags in the name) of every folder. */
  private static List<String> maildirFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dovecot.maildirOf(USER))) {
      return s.filter(p -> p.getParent().getFileName().toString().matches("cur|new"))
          .map(p -> dovecot.maildirOf(USER).relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void everyContactGetsTheRightStateAndNothingChangesOnTheServer() throws Exception {
    List<String> before = maildirFiles();
    Run r =
        run(
            env(),
            "status",
            "--imap",
            dovecot.url(USER, DovecotServer.Security.PLAIN),
            "--now",
            NOW,
            "--format",
            "json",
            "--config",
            config().toString());
    assertEquals(0, r.code(), r.err());
    Map<String, JsonNode> byContact = new HashMap<>();
    for (JsonNode n : new ObjectMapper().readTree(r.out())) {
      byContact.put(n.get("contact").asText(), n);
    }
    Map<String, String> expected = new HashMap<>();
    expected.put("lee@uni.edu", "AWAITING_REPLY");
    expected.put("kim@uni.edu", "FOLLOW_UP_DUE");
    expected.put("patel@uni.edu", "MOVE_ON");
    expected.put("garcia@uni.edu", "REPLIED");
    expected.put("chen@uni.edu", "REPLIED");
    expected.put("mueller@klinik.de", "REPLIED");
    expected.put("okafor@uni.edu", "REPLIED");
    expected.put("nguyen@uni.edu", "IN_TOUCH");
    expected.put("silva@uni.edu", "UPDATE_DUE");
    expected.put("gone@uni.edu", "BOUNCED");
    expected.put("away@uni.edu", "FOLLOW_UP_DUE");
    expected.put("ahmed@uni.edu", "REPLIED");
    expected.put("park@clinic.org", "THANK_YOU_DUE");
    Map<String, String> actual = new HashMap<>();
    byContact.forEach((k, v) -> actual.put(k, v.get("state").asText()));
    assertEquals(expected, actual, r.out());
    assertEquals(2, byContact.get("patel@uni.edu").get("followUps").asInt());
    assertTrue(byContact.get("okafor@uni.edu").get("possiblyUnseen").asBoolean());
    assertFalse(byContact.get("chen@uni.edu").get("possiblyUnseen").asBoolean());
    assertEquals("Dr. Hana Lee", byContact.get("lee@uni.edu").get("name").asText());
    assertEquals("2026-03-06T09:00:00Z", byContact.get("lee@uni.edu").get("due").asText());
    assertEquals(before, maildirFiles(), "flags (kept in Maildir file names) must not change");
    assertTrue(
        before.stream().noneMatch(f -> f.matches(".*:2,[A-Z]*S[A-Z]*$")),
        "nothing was seen to start with");

    Run again =
        run(
            env(),
            "status",
            "--imap",
            dovecot.url(USER, DovecotServer.Security.PLAIN),
            "--now",
            NOW,
            "--format",
            "json",
            "--config",
            config().toString());
    assertEquals(r.out(), again.out(), "the cached second run answers the same");
    assertEquals(before, maildirFiles());
  }

  @Test
  void theTextTableStartsWithWhatNeedsDoing() throws Exception {
    Run r =
        run(
            env(),
            "status",
            "--imap",
            dovecot.url(USER, DovecotServer.Security.PLAIN),
            "--now",
            NOW,
            "--config",
            config().toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[1].startsWith("replied"), r.out());
    assertTrue(
        r.out()
            .strip()
            .endsWith(
                "5 replies waiting for you, 1 thank-you due, 2 follow-ups due, 1 bounced address to check, 1 update due; 1 awaiting a reply, 1 in touch, 1 to move on from."),
        r.out());
  }

  private static void assertOneLineExitTwo(Run r, String expected) {
    assertEquals(2, r.code(), r.out() + r.err());
    String e = r.err().strip();
    assertFalse(e.contains("\n"), e);
    assertTrue(e.contains(expected), e);
    assertFalse(e.contains(PASSWORD), e);
    assertFalse(e.contains("Exception"), e);
  }

  @Test
  void aWrongPasswordIsOneLineAndExitTwo() throws Exception {
    Map<String, String> env = env();
    env.put("RAPPORT_PASSWORD", "not-the-password");
    List<String> before = maildirFiles();
    assertOneLineExitTwo(
        run(env, "status", "--imap", dovecot.url(USER, DovecotServer.Security.PLAIN)),
        "wrong user name or password");
    assertEquals(before, maildirFiles());
  }

  @Test
  void anUntrustedOrMismatchedCertificateIsOneLineAndExitTwo() {
    Map<String, String> env = env();
    env.put("RAPPORT_PASSWORD", "pw-tls");
    assertOneLineExitTwo(
        run(env, "status", "--imap", wrongCertificate.url("tls", DovecotServer.Security.IMAPS)),
        "certificate");
    assertOneLineExitTwo(
        run(env, "status", "--imap", wrongCertificate.url("tls", DovecotServer.Security.STARTTLS)),
        "certificate");
  }

  @Test
  void aServerThatRefusesTheLoginIsOneLineAndExitTwo() throws Exception {
    Map<String, String> env = env();
    env.put("RAPPORT_PASSWORD", "pw-one");
    try (var holding = limited.connect("one", DovecotServer.Security.PLAIN)) {
      assertOneLineExitTwo(
          run(env, "status", "--imap", limited.url("one", DovecotServer.Security.PLAIN)),
          "refused");
    }
  }

  @Test
  void anUnknownUserIsRefused() {
    assertOneLineExitTwo(
        run(
            env(),
            "status",
            "--imap",
            dovecot.url(USER, DovecotServer.Security.PLAIN).replace(USER + "@", "nobody@")),
        "failed");
  }
}
