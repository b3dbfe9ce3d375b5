package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Folder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Courier fixture serves what tests rely on: a login through its own user database, the folders
 * under {@code INBOX.}, mail written into the Maildir, and the behaviour it is here for — a folder
 * no client has opened read-write gets a new UIDVALIDITY as the clock moves on, its messages
 * numbered as before.
 */
class CourierServerTest {

  @RegisterExtension
  static final CourierServer courier = CourierServer.builder().user("asha", "Courier-pw-1").build();

  @Test
  void logsInListsTheFoldersAndServesMailWrittenIntoTheMaildir() throws Exception {
    try (MaildirBuilder box = courier.maildir("asha")) {
      box.add(
          CourierServer.SENT,
          Mail.from("asha@example.org")
              .to("kim@uni.edu")
              .subject("Hello")
              .date(Instant.parse("2026-01-05T10:00:00Z"))
              .build());
    }
    try (IMAPStore store = courier.connect("asha")) {
      List<String> names = new ArrayList<>();
      for (Folder f : store.getDefaultFolder().list("*")) {
        names.add(f.getFullName());
      }
      assertTrue(
          names.containsAll(List.of("INBOX", "INBOX.Sent", "INBOX.Trash", "INBOX.Archive")),
          names.toString());
      IMAPFolder sent = Imap.examine(store, CourierServer.imapName(CourierServer.SENT));
      assertEquals(1, sent.getMessageCount());
      assertEquals(
          Instant.parse("2026-01-05T10:00:00Z"), sent.getMessage(1).getReceivedDate().toInstant());
      sent.close(false);
    }
  }

  @Test
  void theUidValidityOfAFolderNoClientSelectedDoesNotHoldStill() throws Exception {
    try (MaildirBuilder box = courier.maildir("asha")) {
      box.add(
          CourierServer.ARCHIVE,
          Mail.from("kim@uni.edu")
              .to("asha@example.org")
              .subject("Re: Hello")
              .date(Instant.parse("2026-01-06T10:00:00Z"))
              .build());
    }
    String archive = CourierServer.imapName(CourierServer.ARCHIVE);
    long first;
    try (IMAPStore store = courier.connect("asha")) {
      first = ((IMAPFolder) store.getFolder(archive)).getUIDValidity();
    }
    // Courier makes it of the clock's second: wait for the server to show the next one.
    long deadline = System.nanoTime() + 5_000_000_000L;
    long later = first;
    long uid = -1;
    while (later == first && System.nanoTime() < deadline) {
      Thread.sleep(100);
      try (IMAPStore store = courier.connect("asha")) {
        IMAPFolder f = Imap.examine(store, archive);
        later = f.getUIDValidity();
        uid = f.getUID(f.getMessage(1));
        f.close(false);
      }
    }
    assertTrue(later != first, "UIDVALIDITY " + first + " held still for 5 s");
    assertEquals(1, uid, "the message keeps its number");
  }
}
