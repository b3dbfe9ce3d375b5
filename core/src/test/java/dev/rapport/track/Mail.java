package dev.rapport.track;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds message summaries for tests from header lines, as a mail client would have written them.
 */
final class Mail {
  static final String ME = "chidinma@example.org";
  private static final AtomicLong UIDS = new AtomicLong(1);

  private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
  private String folder = "INBOX";
  private FolderRole role = FolderRole.INBOX;
  private Instant internal;

  private Mail(String when) {
    this.internal = Instant.parse(when);
  }

  /** A message the user sent at {@code when} (filed in Sent). */
  static Mail sent(String when, String to, String id) {
    return new Mail(when)
        .in("Sent", FolderRole.SENT)
        .header("From", "Chidinma Okeke <" + ME + ">")
        .header("To", to)
        .header("Message-ID", "<" + id + ">")
        .header("Date", rfc(when));
  }

  /** A message someone sent the user at {@code when} (delivered to INBOX). */
  static Mail from(String when, String from, String id) {
    return new Mail(when)
        .header("From", from)
        .header("To", ME)
        .header("Message-ID", "<" + id + ">")
        .header("Date", rfc(when));
  }

  static String rfc(String iso) {
    return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.parse(iso).atZone(java.time.ZoneOffset.UTC));
  }

  Mail in(String f, FolderRole r) {
    this.folder = f;
    this.role = r;
    return this;
  }

  Mail header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Mail subject(String s) {
    return header("Subject", s);
  }

  Mail replyTo(String... ids) {
    header("In-Reply-To", "<" + ids[ids.length - 1] + ">");
    StringBuilder refs = new StringBuilder();
    for (String id : ids) {
      refs.append(refs.length() == 0 ? "" : " ").append('<').append(id).append('>');
    }
    return header("References", refs.toString());
  }

  Mail internal(String when) {
    this.internal = Instant.parse(when);
    return this;
  }

  MessageSummary build() {
    StringBuilder text = new StringBuilder();
    headers.forEach((k, v) -> text.append(k).append(": ").append(v).append("\r\n"));
    return MessageSummary.parse(folder, role, UIDS.getAndIncrement(), internal, text.toString());
  }
}
