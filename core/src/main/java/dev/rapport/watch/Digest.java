package dev.rapport.watch;

import dev.rapport.track.ContactStatus;
import dev.rapport.track.StatusSummary;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The daily digest: one message, appended to the user's own INBOX (never sent anywhere), listing
 * what needs doing. It says {@code Auto-Submitted: auto-generated}, so tracking never takes it for
 * correspondence.
 *
 * <p>Stateless and thread-safe.
 */
final class Digest {
  private Digest() {}

  /** The header that marks a digest, with its day as value. */
  static final String HEADER = "X-Rapport-Digest";

  /**
   * Whether anything in the list asks the user to act; a digest of nothing is not worth a message.
   */
  static boolean worthSending(List<ContactStatus> statuses) {
    return statuses.stream().anyMatch(s -> s.state().needsAction());
  }

  /** Composes the digest of {@code day} from the account's statuses (sorted by urgency). */
  static MimeMessage compose(
      String user, LocalDate day, List<ContactStatus> statuses, Instant now, ZoneId zone)
      throws MessagingException {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    InternetAddress me;
    try {
      me = new InternetAddress(user, true);
    } catch (jakarta.mail.internet.AddressException e) {
      me = new InternetAddress("rapport@localhost");
    }
    m.setFrom(me);
    m.setRecipient(jakarta.mail.Message.RecipientType.TO, me);
    m.setSubject("Rapport digest for " + day + ": " + StatusSummary.line(statuses), "UTF-8");
    m.setSentDate(Date.from(now));
    m.setHeader("Auto-Submitted", "auto-generated");
    m.setHeader(HEADER, day.toString());
    m.setText(body(day, statuses, zone), "UTF-8");
    m.saveChanges();
    // saveChanges() made a Message-ID with the local host name; a fixed domain says whose it is.
    m.setHeader(
        "Message-ID", "<rapport-digest-" + day + "-" + UUID.randomUUID() + "@rapport.invalid>");
    return m;
  }

  static String body(LocalDate day, List<ContactStatus> statuses, ZoneId zone) {
    StringBuilder b = new StringBuilder();
    b.append("What needs doing on ").append(day).append(", from your mailbox:\n\n");
    for (ContactStatus s : statuses) {
      if (!s.state().needsAction()) {
        continue;
      }
      b.append("* ").append(s.state().label()).append(": ").append(who(s)).append('\n');
      b.append("  ").append(s.reason()).append('\n');
    }
    List<String> waiting = new ArrayList<>();
    for (ContactStatus s : statuses) {
      if (!s.state().needsAction()) {
        waiting.add(who(s) + " (" + s.state().label() + ")");
      }
    }
    if (!waiting.isEmpty()) {
      b.append("\nNothing to do yet for: ").append(String.join("; ", waiting)).append(".\n");
    }
    b.append(
        "\nThis message was added to your INBOX by rapport watch --digest; it was not sent to anyone.\n");
    return b.toString();
  }

  private static String who(ContactStatus s) {
    String w = s.name() == null ? s.contact() : s.name() + " <" + s.contact() + ">";
    return w.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }
}
