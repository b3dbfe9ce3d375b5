package dev.rapport.track;

import dev.rapport.draft.Headers;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a delivery failure report (RFC 3464 {@code multipart/report; report-type=delivery-status},
 * or a less formal bounce) says: which recipients failed and which message it returns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param failed whether delivery failed for good; {@code false} when the report only says it is
 *     delayed, or says nothing readable
 * @param failedRecipients the recipients delivery failed for, lower-cased
 * @param originalMessageId the {@code Message-ID} of the returned message, without brackets, or
 *     {@code null}
 */
public record DeliveryReport(
    boolean failed, List<String> failedRecipients, @Nullable String originalMessageId) {

  /**
   * How many bytes of a bounce are worth reading: the report and the returned headers come first.
   */
  public static final int MAX_BYTES = 64 * 1024;

  /**
   * One session for every report: building one reads Jakarta Mail's provider files (a cold sync
   * parses every bounce). Parsing only reads it, so sharing it is thread-safe.
   */
  private static final Session SESSION = Session.getInstance(new Properties());

  private static final Pattern RECIPIENT =
      Pattern.compile(
          "^(?:final|original)-recipient\\s*:\\s*(?:[a-z0-9-]+\\s*;)?\\s*<?([^\\s<>;]+@[^\\s<>;]+?)>?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern ACTION =
      Pattern.compile("^action\\s*:\\s*([a-z]+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern STATUS =
      Pattern.compile("^status\\s*:\\s*([245])\\.", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern MESSAGE_ID =
      Pattern.compile(
          "^message-id\\s*:\\s*(?:\\r?\\n[ \\t]+)?<([^<>\\s]+)>",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  // Not in RFC 3464, but Postfix and others name the returned message in the per-message fields.
  private static final Pattern ORIGINAL_ID =
      Pattern.compile(
          "^original-message-id\\s*:\\s*<([^<>\\s]+)>",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** Validates and copies. */
  public DeliveryReport {
    Set<String> r = new LinkedHashSet<>();
    for (String s : failedRecipients) {
      r.add(s.strip().toLowerCase(Locale.ROOT));
    }
    failedRecipients = List.copyOf(r);
    if (originalMessageId != null && originalMessageId.isBlank()) {
      originalMessageId = null;
    }
  }

  /**
   * Reads a bounce from its raw bytes (headers and body, possibly cut short after {@link
   * #MAX_BYTES}). Never fails: what cannot be read is left out.
   *
   * @param xFailedRecipients the {@code X-Failed-Recipients} header value, or {@code null}
   */
  public static DeliveryReport parse(byte[] raw, @Nullable String xFailedRecipients) {
    StringBuilder status = new StringBuilder();
    StringBuilder returned = new StringBuilder();
    StringBuilder text = new StringBuilder();
    try {
      MimeMessage msg = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      collect(msg, status, returned, text, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      text.append(new String(raw, StandardCharsets.ISO_8859_1));
    }
    List<String> recipients = new ArrayList<>();
    boolean failed = false;
    boolean delayedOnly = false;
    if (status.length() > 0) {
      // Per-recipient blocks are separated by blank lines; the first block is per-message.
      for (String block : status.toString().split("\\r?\\n\\s*\\r?\\n")) {
        Matcher rm = RECIPIENT.matcher(block);
        String who = null;
        while (rm.find()) {
          if (who == null || rm.group(0).toLowerCase(Locale.ROOT).startsWith("final")) {
            who = rm.group(1);
          }
        }
        if (who == null) {
          continue;
        }
        Matcher am = ACTION.matcher(block);
        Matcher sm = STATUS.matcher(block);
        String action = am.find() ? am.group(1).toLowerCase(Locale.ROOT) : "";
        boolean permanent = sm.find() && sm.group(1).equals("5");
        if (action.equals("failed") || (action.isEmpty() && permanent)) {
          failed = true;
          recipients.add(who);
        } else if (action.equals("delayed")) {
          delayedOnly = true;
        }
      }
    }
    if (xFailedRecipients != null) {
      for (var a : Headers.addresses(xFailedRecipients)) {
        recipients.add(a.email());
        failed = true;
      }
    }
    if (!failed && !delayedOnly && status.length() == 0) {
      // An informal bounce (qmail, old Exchange): no machine-readable status, trust that it is one.
      failed = true;
    }
    String id = null;
    Matcher om = ORIGINAL_ID.matcher(status);
    Matcher mm = MESSAGE_ID.matcher(returned);
    if (om.find()) {
      id = om.group(1);
    } else if (mm.find()) {
      id = mm.group(1);
    } else {
      mm = MESSAGE_ID.matcher(text);
      if (mm.find()) {
        id = mm.group(1);
      }
    }
    return new DeliveryReport(failed, recipients, id);
  }

  private static void collect(
      Part part, StringBuilder status, StringBuilder returned, StringBuilder text, int depth)
      throws MessagingException, IOException {
    if (depth > 5) {
      return;
    }
    String type =
        part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      Object content = part.getContent();
      if (content instanceof Multipart mp) {
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart bp = mp.getBodyPart(i);
          collect(bp, status, returned, text, depth + 1);
        }
      }
      return;
    }
    String body = raw(part);
    if (type.startsWith("message/delivery-status")
        || type.startsWith("message/global-delivery-status")) {
      status.append(body).append("\n\n");
    } else if (type.startsWith("text/rfc822-headers")
        || type.startsWith("message/rfc822")
        || type.startsWith("message/global-headers")
        || type.startsWith("message/global")) {
      returned.append(body).append('\n');
    } else if (type.startsWith("text/") || type.isEmpty()) {
      text.append(body).append('\n');
    }
  }

  private static String raw(Part part) throws MessagingException, IOException {
    try (InputStream in =
        part instanceof MimeBodyPart mbp ? mbp.getInputStream() : part.getInputStream()) {
      byte[] b = in.readNBytes(MAX_BYTES);
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
