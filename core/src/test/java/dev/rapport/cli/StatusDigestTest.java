package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport status} judged from the {@link StatusDigest} kept by the last run, when nothing
 * changed on the server, gives exactly what a whole read of the mailbox gives, at every clock.
 */
class StatusDigestTest {

  private static final String ME_ADDRESS = "chidinma@example.org";
  private static final String ME = Mail.address("Chidinma Okeke", ME_ADDRESS);
  private static final String PASSWORD = "pw-Digest-7";
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path home;

  @RegisterExtension
  final GreenMailServer greenMail = new GreenMailServer().user(ME_ADDRESS, PASSWORD);

  private String url;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    url = "imap://" + ME_ADDRESS + "@127.0.0.1:" + greenMail.imapPort();
    config = home.resolve("rapport.toml");
    // Met in person: one written to after the meeting, one before, one never.
    Files.writeString(
        config,
        "[[contacts]]\nemail = \"dr.3@uni3.edu\"\nmetOn = 2025-06-01\n"
            + "[[contacts]]\nemail = \"dr.4@uni4.edu\"\nmetOn = 2025-12-20\n"
            + "[[contacts]]\nemail = \"park@clinic.org\"\nname = \"Dr. Park\"\nmetOn = 2025-12-30\n");
  }

  private void put(String folder, Mail m) {
    greenMail.append(ME_ADDRESS, folder, m, new Flags());
  }

  /**
   * Every state: first contacts, follow-ups (some unanswered twice), replies in INBOX, Junk and
   * Trash, later messages that ask something or nothing, auto-replies, bounces of the latest and of
   * an older message, list mail.
   */
  private void seed(int contacts) {
    Random rnd = new Random(7);
    for (int c = 0; c < contacts; c++) {
      String who = Mail.address("Dr. Contact " + c, "dr." + c + "@uni" + c + ".edu");
      Instant sent = START.plus(Duration.ofDays(rnd.nextInt(250))).plusSeconds(rnd.nextInt(86_400));
      Mail first =
          Mail.from(ME)
              .to(who)
              .subject("Observership question " + c)
              .date(sent)
              .body("Dear Dr. Contact,\n\nWould a 15-minute call next week suit you?\n")
              .build();
      put("Sent", first);
      Mail latest = first;
      int followUps = rnd.nextInt(3);
      for (int f = 0; f < followUps; f++) {
        sent = sent.plus(Duration.ofDays(15 + rnd.nextInt(10)));
        latest = latest.reply(ME).date(sent).body("Did my message reach you?").build();
        put("Sent", latest);
      }
      double r = rnd.nextDouble();
      if (r < 0.5) {
        String folder = List.of("INBOX", "INBOX", "Junk", "Trash").get(rnd.nextInt(4));
        Instant at = sent.plus(Duration.ofDays(1 + rnd.nextInt(20)));
        Mail reply = latest.reply(who).date(at).body("Thank you for writing.").build();
        put(folder, reply);
        if (rnd.nextBoolean()) {
          Mail after =
              reply
                  .reply(ME)
                  .date(at.plus(Duration.ofDays(2)))
                  .body(
                      rnd.nextBoolean()
                          ? "Thank you so much, that helps a great deal."
                          : "Could we talk for ten minutes on Friday?")
                  .build();
          put("Sent", after);
        }
      } else if (r < 0.6) {
        put("INBOX", latest.autoReply(Mail.AutoReply.RFC3834).date(sent.plusSeconds(60)).build());
      } else if (r < 0.7) {
        put("INBOX", latest.bounce(who, rnd.nextBoolean()).date(sent.plusSeconds(120)).build());
      } else if (r < 0.75 && followUps > 0) {
        // A bounce of the first message, reported after the follow-ups were sent.
        put("INBOX", first.bounce(who, true).date(sent.plusSeconds(300)).build());
      }
      if (rnd.nextDouble() < 0.5) {
        put(
            "INBOX",
            Mail.from(Mail.address("PM&R News", "news@lists.example.org"))
                .to(ME)
                .subject("Weekly digest " + c)
                .mailingList("pmr.lists.example.org")
                .date(START.plus(Duration.ofDays(rnd.nextInt(330))))
                .body("News.")
                .build());
      }
    }
  }

  /** A first contact a few days before the earliest clock of the comparison: awaiting a reply. */
  private void seedLate() {
    put(
        "Sent",
        Mail.from(ME)
            .to(Mail.address("Dr. Late", "late@uni.edu"))
            .subject("A question about your clinic")
            .date(Instant.parse("2025-11-25T09:00:00Z"))
            .body("Would you have ten minutes for a call?")
            .build());
  }

  private record Run(int code, String out, String err) {}

  private Run status(Path cacheHome, String now, String format) {
    Map<String, String> env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", cacheHome.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args =
        new ArrayList<>(
            List.of(
                "status",
                "--imap",
                url,
                "--format",
                format,
                "--config",
                config.toString(),
                "--wide"));
    if (!now.isEmpty()) {
      args.add("--now");
      args.add(now);
    }
    int code =
        Main.run(
            args.toArray(new String[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            env);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Damages the sync cache: a run that reads it says so on stderr, a run judged from the digest
   * never opens it.
   */
  private static void damageSyncCache(Path cacheHome) throws IOException {
    try (Stream<Path> files = Files.list(cacheHome.resolve("rapport"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".cache")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
  }

  private static final List<String> NOWS =
      List.of(
          "2025-12-01T00:00:00Z",
          "2025-12-31T10:00:00Z",
          "2026-01-15",
          "2026-02-20T08:30:00Z",
          "2026-06-30",
          "2027-03-01",
          "2030-01-01");

  @Test
  void unchangedMailboxJudgedFromTheDigestGivesWhatAWholeReadGives() throws Exception {
    seed(60);
    seedLate();
    Path kept = home.resolve("kept");
    Run first = status(kept, NOWS.get(0), "json");
    assertEquals(0, first.code(), first.err());
    StringBuilder seen = new StringBuilder();
    for (String now : NOWS) {
      for (String format : List.of("json", "text")) {
        Run whole = status(home.resolve("fresh-" + now + format), now, format);
        damageSyncCache(kept);
        Run fromDigest = status(kept, now, format);
        assertEquals(0, whole.code(), whole.err());
        assertEquals(0, fromDigest.code(), fromDigest.err());
        assertEquals("", fromDigest.err(), "judged from the digest, without the sync cache");
        assertEquals(whole.out(), fromDigest.out(), "at " + now + " as " + format);
        seen.append(fromDigest.out());
      }
    }
    // Without --now (the system clock), too.
    Run whole = status(home.resolve("fresh-now"), "", "json");
    Run fromDigest = status(kept, "", "json");
    assertEquals("", fromDigest.err());
    assertEquals(whole.out(), fromDigest.out());
    seen.append(fromDigest.out());
    for (String state :
        List.of(
            "REPLIED",
            "AWAITING_REPLY",
            "FOLLOW_UP_DUE",
            "MOVE_ON",
            "IN_TOUCH",
            "UPDATE_DUE",
            "THANK_YOU_DUE",
            "BOUNCED")) {
      assertTrue(seen.indexOf("\"" + state + "\"") >= 0, state + " is among the states compared");
    }
  }

  @Test
  void aNowBeforeTheLatestMessageReadsTheMailbox() throws Exception {
    seed(30);
    Path kept = home.resolve("kept");
    assertEquals(0, status(kept, "", "json").code());
    damageSyncCache(kept);
    Run then = status(kept, "2025-06-01", "json");
    assertTrue(then.err().contains("damaged"), "the mailbox was read: " + then.err());
    assertEquals(status(home.resolve("fresh"), "2025-06-01", "json").out(), then.out());
  }

  @Test
  void aNewMessageIsSeenAtOnce() throws Exception {
    seed(20);
    Path kept = home.resolve("kept");
    Run before = status(kept, "2026-01-15", "json");
    assertTrue(before.out().contains("\"dr.0@uni0.edu\""), before.out());
    put(
        "INBOX",
        Mail.from(Mail.address("Dr. New", "new@uni.edu"))
            .to(ME)
            .subject("Hello")
            .date(Instant.parse("2026-01-10T10:00:00Z"))
            .body("Hi.")
            .build());
    put(
        "Sent",
        Mail.from(ME)
            .to(Mail.address("Dr. New", "new@uni.edu"))
            .subject("Question")
            .date(Instant.parse("2026-01-11T10:00:00Z"))
            .body("May I ask you something?")
            .build());
    Run after = status(kept, "2026-01-15", "json");
    assertNotEquals(before.out(), after.out());
    assertTrue(after.out().contains("\"new@uni.edu\""), after.out());
    assertEquals(status(home.resolve("fresh"), "2026-01-15", "json").out(), after.out());
    assertFalse(after.err().contains("damaged"));
  }
}
