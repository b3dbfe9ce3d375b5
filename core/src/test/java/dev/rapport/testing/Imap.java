package dev.rapport.testing;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Adds messages to a running server through IMAP APPEND with Angus Mail, keeping the chosen
 * INTERNALDATE and flags: the path for mail that "arrives" while code under test is watching.
 * Thread-safe (stateless); each call uses the caller's store.
 */
public final class Imap {
  private Imap() {}

  /**
   * Appends raw RFC 5322 bytes to a folder and returns the new message's UID (UIDPLUS), or -1 when
   * the server does not say.
   */
  public static long append(
      IMAPStore store, String folder, byte[] raw, Instant internalDate, Flags flags)
      throws MessagingException {
    IMAPFolder f = (IMAPFolder) store.getFolder(folder);
    MimeMessage message = message(raw, internalDate);
    message.setFlags(flags, true);
    // The folder stays closed: APPEND needs no SELECT, so no \Recent or \Seen side effects.
    AppendUID[] uids = f.appendUIDMessages(new Message[] {message});
    return uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
  }

  /** Appends a {@link Mail}, its INTERNALDATE being its {@link Mail#date()}. */
  public static long append(IMAPStore store, String folder, Mail mail, Flags flags)
      throws MessagingException {
    return append(store, folder, mail.bytes(), mail.date(), flags);
  }

  /**
   * A message read from raw bytes whose received date (what APPEND sends as INTERNALDATE) is the
   * given instant.
   */
  public static MimeMessage message(byte[] raw, Instant internalDate) throws MessagingException {
    Date received = Date.from(internalDate);
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)) {
      @Override
      public Date getReceivedDate() {
        return received;
      }
    };
  }

  /** Opens a folder read-only, as the tracker does (EXAMINE); close it after use. */
  public static IMAPFolder examine(IMAPStore store, String folder) throws MessagingException {
    IMAPFolder f = (IMAPFolder) store.getFolder(folder);
    f.open(Folder.READ_ONLY);
    return f;
  }
}
