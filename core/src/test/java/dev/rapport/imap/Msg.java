package dev.rapport.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

/** Raw RFC 5322 test messages whose received date (INTERNALDATE on APPEND) is their Date header. */
final class Msg {
  private Msg() {}

  static final String ME = "chidinma@example.org";

  static String date(String iso) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(iso).atZone(ZoneOffset.UTC));
  }

  static MimeMessage raw(String when, String text) {
    try {
      Date d = Date.from(Instant.parse(when));
      return new MimeMessage(
          Session.getInstance(new Properties()),
          new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))) {
        @Override
        public Date getReceivedDate() {
          return d;
        }
      };
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static MimeMessage sent(String when, String to, String id, String subject, String body) {
    return raw(
        when,
        "From: Chidinma Okeke <"
            + ME
            + ">\nTo: "
            + to
            + "\nSubject: "
            + subject
            + "\nMessage-ID: <"
            + id
            + ">\nDate: "
            + date(when)
            + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
            + body
            + "\n");
  }

  static MimeMessage reply(String when, String from, String id, String inReplyTo, String subject) {
    return raw(
        when,
        "From: "
            + from
            + "\nTo: "
            + ME
            + "\nSubject: "
            + subject
            + "\nMessage-ID: <"
            + id
            + ">\nIn-Reply-To: <"
            + inReplyTo
            + ">\nReferences: <"
            + inReplyTo
            + ">\nDate: "
            + date(when)
            + "\nContent-Type: text/plain\n\nThank you for writing.\n");
  }

  static MimeMessage bounce(String when, String recipient, String originalId) {
    return raw(
        when,
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nTo: "
            + ME
            + "\nSubject: Undelivered Mail Returned to Sender\n"
            + "Message-ID: <bounce-"
            + originalId
            + ">\nDate: "
            + date(when)
            + "\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\n\n"
            + "--B1\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
            + "--B1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
            + "Final-Recipient: rfc822; "
            + recipient
            + "\nAction: failed\nStatus: 5.1.1\n\n"
            + "--B1\nContent-Type: text/rfc822-headers\n\nFrom: "
            + ME
            + "\nTo: "
            + recipient
            + "\nMessage-ID: <"
            + originalId
            + ">\n\n--B1--\n");
  }
}
