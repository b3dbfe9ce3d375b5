package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.CourierServer;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import dev.rapport.track.MessageSummary;
import jakarta.mail.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync against a real Courier, whose UIDVALIDITY of a folder no client opened read-write is the
 * clock's second: a second read of an unchanged mailbox costs no header of a known message and says
 * nothing of renumbering; new mail and an expunge that moves every later UID are read right.
 */
class MailboxReaderCourierTest {

  private static final String USER = "chidinma";
  private static final String PASSWORD = "Courier-pw-7";
  private static final String ME = "Chidinma Okeke <chidinma@example.org>";
  private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");

  @RegisterExtension
  final CourierServer courier = CourierServer.builder().user(USER, PASSWORD).build();

  @TempDir Path cache;

  private final List<String> notices = new CopyOnWriteArrayList<>();
  private final SyncListener listener =
      new SyncListener() {
        @Override
        public void notice(String message) {
          notices.add(message);
        }
      };
  private Mail lee;
  private Mail leeReply;
  private Mail kim;

  @BeforeEach
  void seed() {
    lee = out("lee@uni.edu", "Observership in stroke rehab", 0);
    leeReply = lee.reply("lee@uni.edu").date(T0.plus(Duration.ofDays(2))).body("Yes.").build();
    Mail leeAgain =
        leeReply.reply(ME).date(T0.plus(Duration.ofDays(3))).body("Thank you! Which day?").build();
    kim = out("kim@uni.edu", "Your SCI study", 1);
    try (MaildirBuilder box = courier.maildir(USER)) {
      box.add(CourierServer.SENT, lee, new Flags(Flags.Flag.SEEN));
      box.add(CourierServer.SENT, kim, new Flags(Flags.Flag.SEEN));
      box.add("INBOX", leeReply);
      box.add(CourierServer.SENT, leeAgain, new Flags(Flags.Flag.SEEN));
      for (int i = 0; i < 5; i++) {
        box.add("INBOX", news(i));
      }
      // No Message-ID: matched by its every field instead, so its header fields are read again.
      box.add(
          "INBOX",
          Mail.from("Clinic Desk <desk@clinic.org>")
              .to(ME)
              .subject("Parking")
              .date(T0.plus(Duration.ofDays(4)))
              .noMessageId()
              .build());
      box.add(
          CourierServer.ARCHIVE,
          out("patel@uni.edu", "Pain clinic", 2)
              .reply("patel@uni.edu")
              .date(T0.plus(Duration.ofDays(5)))
              .body("Gladly.")
              .build());
    }
  }

  private static Mail out(String to, String subject, int day) {
    return Mail.from(ME)
        .to(to)
        .subject(subject)
        .date(T0.plus(Duration.ofDays(day)))
        .body("Would a 15-minute call suit you?")
        .build();
  }

  private static Mail news(int i) {
    return Mail.from("PM&R News <news@lists.example.org>")
        .to(ME)
        .subject("Digest " + i)
        .mailingList("pmr.lists.example.org")
        .date(T0.plus(Duration.ofHours(i)))
        .body("News.")
        .build();
  }

  private MailboxSnapshot read() throws ImapException {
    return new MailboxReader(
            ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
            new SyncCache(cache))
        .read(ImapUrl.parse(courier.url(USER)), Credentials.password(PASSWORD), listener);
  }

  /** INBOX's UIDVALIDITY as a new connection sees it now. */
  private long validityNow() throws Exception {
    try (IMAPStore store = courier.connect(USER)) {
      return ((IMAPFolder) store.getFolder("INBOX")).getUIDValidity();
    }
  }

  /** Returns once Courier numbers folders anew: what the last read saw no longer holds. */
  private void awaitNewUidValidity() throws Exception {
    long seen = validityNow();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (validityNow() == seen) {
      assertTrue(System.nanoTime() < deadline, "Courier's UIDVALIDITY held still for 5 s");
      Thread.sleep(50);
    }
  }

  private static Set<String> ids(MailboxSnapshot s) {
    return s.messages().stream()
        .map(m -> m.folder() + " " + m.messageId() + " " + m.subject())
        .collect(Collectors.toSet());
  }

  private static MessageSummary latestToLee(MailboxSnapshot s) {
    return s.correspondence().history("lee@uni.edu").orElseThrow().latestSent().orElseThrow();
  }

  @Test
  void anUnchangedMailboxIsReadFromTheCacheWithoutARenumberingNotice() throws Exception {
    MailboxSnapshot first = read();
    assertEquals(11, first.fetched());
    assertTrue(first.text(latestToLee(first)).orElseThrow().contains("Which day?"));
    awaitNewUidValidity();

    MailboxSnapshot second = read();
    assertEquals(List.of(), notices);
    // Only the message without a Message-ID had its header fields fetched again.
    assertEquals(1, second.fetched());
    assertEquals(ids(first), ids(second));
    assertEquals(
        first.text(latestToLee(first)), second.text(latestToLee(second)), "texts kept too");
    awaitNewUidValidity();

    MailboxSnapshot third = read();
    assertEquals(List.of(), notices);
    assertEquals(1, third.fetched());
    assertEquals(ids(first), ids(third));
  }

  @Test
  void newMailAndAnExpungeThatMovesLaterUidsAreReadRight() throws Exception {
    read();
    awaitNewUidValidity();
    read(); // Courier is seen to renumber without cause: INBOX, Sent and Archive are restless.
    // Lee's reply goes (every later message of INBOX moves down one UID); Kim's comes.
    deleteFileOf(leeReply);
    Mail kimReply =
        kim.reply("kim@uni.edu").date(T0.plus(Duration.ofDays(6))).body("Sure.").build();
    try (MaildirBuilder box = courier.maildir(USER)) {
      box.add("INBOX", kimReply);
    }
    awaitNewUidValidity();

    MailboxSnapshot s = read();
    assertEquals(List.of(), notices);
    assertEquals(2, s.fetched(), "Kim's reply, and the message without a Message-ID");
    assertTrue(s.correspondence().history("kim@uni.edu").orElseThrow().hasReplied());
    Set<String> inbox =
        s.messages().stream()
            .filter(m -> m.folder().equals("INBOX"))
            .map(m -> m.subject())
            .collect(Collectors.toSet());
    assertFalse(inbox.contains(leeReply.subject()), inbox.toString());
    assertEquals(
        Set.of(
            "Digest 0",
            "Digest 1",
            "Digest 2",
            "Digest 3",
            "Digest 4",
            "Parking",
            "Re: Your SCI study"),
        inbox);
    // What the server numbers the messages now is what the snapshot says.
    try (IMAPStore store = courier.connect(USER)) {
      IMAPFolder f = dev.rapport.testing.Imap.examine(store, "INBOX");
      for (MessageSummary m : s.messages()) {
        if (m.folder().equals("INBOX")) {
          assertEquals(m.subject(), f.getMessageByUID(m.uid()).getSubject());
        }
      }
      f.close(false);
    }
  }

  private void deleteFileOf(Mail mail) throws IOException {
    try (Stream<Path> files = Files.walk(courier.maildirOf(USER).resolve("cur"))) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (Files.readString(p).contains(mail.messageId())) {
          Files.delete(p);
          return;
        }
      }
    }
    throw new AssertionError("no file holds " + mail.messageId());
  }
}
