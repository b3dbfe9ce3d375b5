package dev.rapport.testing;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A test email as raw RFC 5322 bytes (CRLF line ends), built from a few facts: who, to whom, when,
 * what, and how it threads. Besides ordinary messages it makes the ones reply tracking must tell
 * apart: replies with a correct {@code References} chain, auto-replies, delivery-failure bounces
 * (RFC 3464), mailing-list mail, and broken messages (garbage dates, malformed addresses, reference
 * loops, huge {@code References}, no {@code Message-ID}).
 *
 * <pre>{@code
 * Instant t0 = Instant.parse("2025-03-03T09:00:00Z");
 * Mail ask = Mail.from("Asha Rao <asha@example.org>").to("Dr. Lee <lee@uni.example.edu>")
 *     .subject("Research year in PM&R").date(t0).body("Dear Dr. Lee, ...").build();
 * Mail answer = ask.reply("lee@uni.example.edu").date(t0.plus(Duration.ofDays(3)))
 *     .body("Happy to talk.").build();
 * Mail away = ask.autoReply(Mail.AutoReply.RFC3834).date(t0.plusSeconds(60)).build();
 * Mail bounce = ask.bounce("lee@uni.example.edu", true).date(t0.plusSeconds(5)).build();
 * }</pre>
 *
 * <p>Every date is given by the test (there is no "now"), so a mailbox of a few months of outreach
 * is reproducible relative to a fixed instant. Generated Message-IDs are unique in the JVM.
 *
 * <p>Immutable and thread-safe; {@link Builder} is not thread-safe.
 */
public final class Mail {
  private static final AtomicLong IDS = new AtomicLong();
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>]*)>");

  private final byte[] bytes;
  private final @Nullable String messageId;
  private final String from;
  private final List<String> to;
  private final List<String> cc;
  private final String subject;
  private final Instant date;
  private final @Nullable String inReplyTo;
  private final List<String> references;
  private final String body;
  private final String bodyWithQuote;

  private Mail(Builder b, byte[] bytes, @Nullable String messageId, String bodyWithQuote) {
    this.bytes = bytes;
    this.messageId = messageId;
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.cc = List.copyOf(b.cc);
    this.subject = b.subject;
    this.date = b.date;
    this.inReplyTo = b.inReplyTo;
    this.references = List.copyOf(b.references);
    this.body = b.body;
    this.bodyWithQuote = bodyWithQuote;
  }

  /** Starts a message from this sender ({@code "Name <addr>"} or a bare address). */
  public static Builder from(String from) {
    return new Builder(from);
  }

  /**
   * Formats {@code "Display Name" <address>}, encoding a non-ASCII name (RFC 2047) and quoting one
   * with specials.
   */
  public static String address(String name, String address) {
    try {
      return new InternetAddress(address, name, "UTF-8").toString();
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} distinct generated Message-IDs in {@code <…@domain>} form. */
  public static List<String> generatedMessageIds(int count, String domain) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(newMessageId(domain));
    }
    return ids;
  }

  // ---------------------------------------------------------------- the message

  /** The raw message, CRLF line ends. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The raw message as text (it is UTF-8). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The Message-ID written, with angle brackets; null when built without one. */
  public @Nullable String messageId() {
    return messageId;
  }

  /** The From value as given to {@link #from(String)}. */
  public String from() {
    return from;
  }

  /** The sender's bare address: the part in angle brackets, else the whole value trimmed. */
  public String fromAddress() {
    return bareAddress(from);
  }

  /** The To values as given. */
  public List<String> to() {
    return to;
  }

  /** The Cc values as given. */
  public List<String> cc() {
    return cc;
  }

  /** The subject as given (not encoded). */
  public String subject() {
    return subject;
  }

  /**
   * The date the test chose: the {@code Date} header unless overridden, and the INTERNALDATE used
   * by {@link MaildirBuilder#add(String, Mail)}.
   */
  public Instant date() {
    return date;
  }

  /** The In-Reply-To set on the builder, or null. */
  public @Nullable String inReplyTo() {
    return inReplyTo;
  }

  /** The References set on the builder, oldest first. */
  public List<String> references() {
    return references;
  }

  /** The text part as given (without any quoted original). */
  public String body() {
    return body;
  }

  // ---------------------------------------------------------------- derived messages

  /**
   * Starts a reply written by {@code from}. Replying to someone else's message goes to its sender;
   * replying to one's own (a follow-up) goes to its recipients again. Subject gets one {@code Re:},
   * {@code In-Reply-To} names this message and {@code References} extends its chain (RFC 5322
   * 3.6.4); the original is quoted under the body.
   */
  public Builder reply(String from) {
    Builder b = new Builder(from);
    if (bareAddress(from).equalsIgnoreCase(fromAddress())) {
      b.to.addAll(to);
      b.cc.addAll(cc);
    } else {
      b.to.add(this.from);
    }
    b.subject = "Re: " + baseSubject(subject);
    threadUnder(b);
    b.quote = "On " + RFC_5322.format(date.atZone(ZoneOffset.UTC)) + ", " + this.from + " wrote:";
    b.quoted = bodyWithQuote;
    return b;
  }

  /** How an automatic reply announces itself; each kind carries exactly one signal. */
  public enum AutoReply {
    /** RFC 3834: {@code Auto-Submitted: auto-replied}. */
    RFC3834,
    /** {@code X-Autoreply: yes} (older vacation programs). */
    X_AUTOREPLY,
    /** {@code Precedence: auto_reply}. */
    PRECEDENCE,
    /** No header; the subject starts {@code Out of office:}. */
    OUT_OF_OFFICE_SUBJECT,
    /** No header; Outlook's {@code Automatic reply:} subject. */
    AUTOMATIC_REPLY_SUBJECT,
    /** What a Sieve vacation responder sends: every header signal and an out-of-office subject. */
    VACATION
  }

  /**
   * Starts an automatic reply from this message's first recipient, threaded under this message like
   * a real reply (which is what makes it easy to miscount).
   */
  public Builder autoReply(AutoReply kind) {
    if (to.isEmpty()) {
      throw new IllegalStateException("an auto-reply needs a recipient to come from");
    }
    Builder b = new Builder(to.get(0));
    b.to.add(from);
    threadUnder(b);
    String base = baseSubject(subject);
    b.subject = "Re: " + base;
    b.body = "I am away from the office with limited access to email and will reply on my return.";
    switch (kind) {
      case RFC3834 -> b.header("Auto-Submitted", "auto-replied");
      case X_AUTOREPLY -> b.header("X-Autoreply", "yes");
      case PRECEDENCE -> b.header("Precedence", "auto_reply");
      case OUT_OF_OFFICE_SUBJECT -> b.subject = "Out of office: " + base;
      case AUTOMATIC_REPLY_SUBJECT -> b.subject = "Automatic reply: " + base;
      case VACATION -> {
        b.subject = "Out of office: " + base;
        b.header("Auto-Submitted", "auto-replied (vacation)");
        b.header("X-Autoreply", "yes");
        b.header("Precedence", "auto_reply");
      }
    }
    return b;
  }

  /**
   * Starts a delivery-failure report (RFC 3464) for this message from its sender's mail system:
   * {@code multipart/report; report-type=delivery-status} with a human part, a {@code
   * message/delivery-status} part naming {@code Final-Recipient} (and, if {@code
   * namesOriginalMessageId}, {@code Original-Message-ID}), and this message's header as {@code
   * text/rfc822-headers}. Like Postfix's, it has no In-Reply-To and says {@code Auto-Submitted:
   * auto-replied}.
   */
  public Builder bounce(String failedRecipient, boolean namesOriginalMessageId) {
    String domain = domainOf(fromAddress());
    String mta = "mail." + domain;
    Builder b = new Builder(address("Mail Delivery System", "MAILER-DAEMON@" + mta));
    b.to.add(from);
    b.subject = "Undelivered Mail Returned to Sender";
    b.header("Auto-Submitted", "auto-replied");
    String boundary = "=_bounce_" + Long.toHexString(IDS.incrementAndGet());
    String recipient = bareAddress(failedRecipient);
    String crlf = "\r\n";
    StringBuilder s = new StringBuilder();
    s.append("This is a MIME-encapsulated message.").append(crlf).append(crlf);
    s.append("--").append(boundary).append(crlf);
    s.append("Content-Description: Notification").append(crlf);
    s.append("Content-Type: text/plain; charset=us-ascii").append(crlf).append(crlf);
    s.append("This is the mail system at host ").append(mta).append('.').append(crlf).append(crlf);
    s.append("I'm sorry to have to inform you that your message could not").append(crlf);
    s.append("be delivered to one or more recipients.").append(crlf).append(crlf);
    s.append('<').append(recipient).append(">: host mx.").append(domainOf(recipient));
    s.append(" said: 550 5.1.1 User unknown").append(crlf).append(crlf);
    s.append("--").append(boundary).append(crlf);
    s.append("Content-Description: Delivery report").append(crlf);
    s.append("Content-Type: message/delivery-status").append(crlf).append(crlf);
    s.append("Reporting-MTA: dns; ").append(mta).append(crlf);
    if (namesOriginalMessageId && messageId != null) {
      s.append("Original-Message-ID: ").append(messageId).append(crlf);
    }
    s.append("Arrival-Date: ").append(RFC_5322.format(date.atZone(ZoneOffset.UTC))).append(crlf);
    s.append(crlf);
    s.append("Final-Recipient: rfc822; ").append(recipient).append(crlf);
    s.append("Original-Recipient: rfc822;").append(recipient).append(crlf);
    s.append("Action: failed").append(crlf);
    s.append("Status: 5.1.1").append(crlf);
    s.append("Remote-MTA: dns; mx.").append(domainOf(recipient)).append(crlf);
    s.append("Diagnostic-Code: smtp; 550 5.1.1 <").append(recipient);
    s.append(">: Recipient address rejected: User unknown").append(crlf).append(crlf);
    s.append("--").append(boundary).append(crlf);
    s.append("Content-Description: Undelivered Message Headers").append(crlf);
    s.append("Content-Type: text/rfc822-headers").append(crlf).append(crlf);
    String original = text();
    int end = original.indexOf("\r\n\r\n");
    String headers = end < 0 ? original : original.substring(0, end + 2);
    if (!namesOriginalMessageId) {
      headers = headers.replaceAll("(?im)^Message-ID:.*\r\n", "");
    }
    s.append(headers).append(crlf);
    s.append("--").append(boundary).append("--").append(crlf);
    b.rawBody(
        "multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + boundary + "\"",
        s.toString());
    return b;
  }

  private void threadUnder(Builder b) {
    List<String> chain = new ArrayList<>(references);
    if (chain.isEmpty() && inReplyTo != null) {
      chain.add(inReplyTo);
    }
    if (messageId != null) {
      chain.add(messageId);
      b.inReplyTo = messageId;
    }
    b.references.addAll(chain);
  }

  @Override
  public String toString() {
    return "Mail[" + messageId + " " + from + " -> " + to + ": " + subject + " @ " + date + "]";
  }

  // ---------------------------------------------------------------- builder

  /** Collects the parts of a {@link Mail}. Not thread-safe. */
  public static final class Builder {
    private final String from;
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();
    private String subject = "";
    private @Nullable Instant date;
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable String messageId;
    private boolean generateMessageId = true;
    private @Nullable String inReplyTo;
    private final List<String> references = new ArrayList<>();
    // Case-insensitive: a test header replaces the generated one of the same name.
    private final Map<String, @Nullable String> overrides =
        new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> overrideOrder = new ArrayList<>();
    private String body = "";
    private @Nullable String quote;
    private @Nullable String quoted;
    private @Nullable String contentType;

    private Builder(String from) {
      this.from = from;
    }

    /** Adds recipients. */
    public Builder to(String... addresses) {
      to.addAll(Arrays.asList(addresses));
      return this;
    }

    /** Adds Cc recipients. */
    public Builder cc(String... addresses) {
      cc.addAll(Arrays.asList(addresses));
      return this;
    }

    /** The subject (non-ASCII is encoded, RFC 2047). */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** When it was written; required. Also the INTERNALDATE when put in a Maildir. */
    public Builder date(Instant date) {
      this.date = date;
      return this;
    }

    /** When it was written, with the sender's time zone shown in the Date header. */
    public Builder date(ZonedDateTime date) {
      this.date = date.toInstant();
      this.zone = date.getZone();
      return this;
    }

    /** A chosen Message-ID (angle brackets added when missing). */
    public Builder messageId(String id) {
      this.messageId = id.startsWith("<") ? id : "<" + id + ">";
      this.generateMessageId = false;
      return this;
    }

    /** No Message-ID header at all (some scripts and old clients send none). */
    public Builder noMessageId() {
      this.messageId = null;
      this.generateMessageId = false;
      return this;
    }

    /** Sets In-Reply-To (null removes it). */
    public Builder inReplyTo(@Nullable String id) {
      this.inReplyTo = id;
      return this;
    }

    /** Replaces References, oldest first; may be huge or loop back to this very message. */
    public Builder references(List<String> ids) {
      references.clear();
      references.addAll(ids);
      return this;
    }

    /** Marks it as mailing-list traffic: {@code List-Id} and {@code Precedence: list}. */
    public Builder mailingList(String listId) {
      header("List-Id", listId.contains("<") ? listId : "<" + listId + ">");
      header("Precedence", "list");
      return this;
    }

    /**
     * Adds a header, or replaces a generated one of the same name, written verbatim (no encoding or
     * checking: this is how garbage dates and malformed addresses get in).
     */
    public Builder header(String name, String value) {
      if (!name.matches("[!-9;-~]+")) {
        throw new IllegalArgumentException("not a header name: " + name);
      }
      if (!overrides.containsKey(name)) {
        overrideOrder.add(name);
      }
      overrides.put(name, value);
      return this;
    }

    /** Leaves out a header, generated or added (for example {@code Date} or {@code To}). */
    public Builder without(String name) {
      if (!overrides.containsKey(name)) {
        overrideOrder.add(name);
      }
      overrides.put(name, null);
      if (name.equalsIgnoreCase("Message-ID")) {
        noMessageId();
      }
      return this;
    }

    /** The text (UTF-8, {@code text/plain}); replies quote their original below it. */
    public Builder body(String text) {
      this.body = text;
      this.contentType = null;
      return this;
    }

    private void rawBody(String contentType, String body) {
      this.contentType = contentType;
      this.body = body;
      this.quote = null;
      this.quoted = null;
    }

    /** The message; needs {@link #date} set. */
    public Mail build() {
      if (date == null) {
        throw new IllegalStateException("set a date: tests choose every date");
      }
      String domain = domainOf(bareAddress(from));
      String id = generateMessageId ? newMessageId(domain) : messageId;
      List<String[]> headers = new ArrayList<>();
      headers.add(new String[] {"Date", RFC_5322.format(date.atZone(zone))});
      headers.add(new String[] {"From", encodeAddresses(List.of(from))});
      if (!to.isEmpty()) {
        headers.add(new String[] {"To", encodeAddresses(to)});
      }
      if (!cc.isEmpty()) {
        headers.add(new String[] {"Cc", encodeAddresses(cc)});
      }
      headers.add(new String[] {"Subject", encodeText(subject)});
      if (id != null) {
        headers.add(new String[] {"Message-ID", id});
      }
      if (inReplyTo != null) {
        headers.add(new String[] {"In-Reply-To", inReplyTo});
      }
      if (!references.isEmpty()) {
        headers.add(new String[] {"References", String.join(" ", references)});
      }
      String text = body;
      if (quoted != null) {
        StringBuilder q = new StringBuilder(body).append("\n\n").append(quote).append('\n');
        for (String line : quoted.split("\r?\n", -1)) {
          q.append(line.isEmpty() || line.startsWith(">") ? ">" : "> ").append(line).append('\n');
        }
        text = q.toString();
      }
      headers.add(new String[] {"MIME-Version", "1.0"});
      boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(text);
      if (contentType == null) {
        headers.add(
            new String[] {"Content-Type", "text/plain; charset=" + (ascii ? "us-ascii" : "UTF-8")});
        headers.add(new String[] {"Content-Transfer-Encoding", ascii ? "7bit" : "8bit"});
      } else {
        headers.add(new String[] {"Content-Type", contentType});
      }

      StringBuilder out = new StringBuilder(256 + text.length());
      String writtenId = id;
      List<String> replaced = new ArrayList<>();
      // A test's header takes the generated one's place; other added headers go last.
      for (String[] h : headers) {
        String value = h[1];
        if (overrides.containsKey(h[0])) {
          value = overrides.get(h[0]);
          replaced.add(h[0].toLowerCase(Locale.ROOT));
        }
        if (value != null) {
          appendHeader(out, h[0], value);
        }
      }
      for (String name : overrideOrder) {
        String value = overrides.get(name);
        if (value != null && !replaced.contains(name.toLowerCase(Locale.ROOT))) {
          appendHeader(out, name, value);
        }
        if (name.equalsIgnoreCase("Message-ID")) {
          writtenId = value;
        }
      }
      out.append("\r\n");
      out.append(text.replaceAll("\r?\n", "\r\n"));
      if (!text.endsWith("\n")) {
        out.append("\r\n");
      }
      return new Mail(this, out.toString().getBytes(StandardCharsets.UTF_8), writtenId, text);
    }

    // Folds at spaces so no line passes 78 characters where the value allows it (RFC 5322 2.2.3).
    private static void appendHeader(StringBuilder out, String name, String value) {
      if (value.contains("\r\n")) {
        out.append(name).append(": ").append(value).append("\r\n");
        return;
      }
      int lineLength = name.length() + 2;
      out.append(name).append(": ");
      String[] words = value.split(" ", -1);
      for (int i = 0; i < words.length; i++) {
        String w = words[i];
        if (i > 0) {
          if (lineLength + 1 + w.length() > 78) {
            out.append("\r\n ");
            lineLength = 1;
          } else {
            out.append(' ');
            lineLength++;
          }
        }
        out.append(w);
        lineLength += w.length();
      }
      out.append("\r\n");
    }

    private static String encodeAddresses(List<String> values) {
      List<String> out = new ArrayList<>();
      for (String v : values) {
        out.add(encodeAddress(v));
      }
      return String.join(", ", out);
    }

    private static String encodeAddress(String value) {
      if (StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
        return value;
      }
      try {
        InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
        List<String> out = new ArrayList<>();
        for (InternetAddress a : parsed) {
          out.add(
              a.getPersonal() == null
                  ? a.getAddress()
                  : new InternetAddress(a.getAddress(), a.getPersonal(), "UTF-8").toString());
        }
        return String.join(", ", out);
      } catch (AddressException | UnsupportedEncodingException e) {
        return value; // Malformed on purpose: written as given (raw UTF-8).
      }
    }

    private static String encodeText(String text) {
      try {
        return MimeUtility.encodeText(text, "UTF-8", "Q");
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String newMessageId(String domain) {
    long n = IDS.incrementAndGet();
    String salt = Integer.toHexString(Long.hashCode(n * 0x9E3779B97F4A7C15L));
    return "<rapport-test." + Long.toString(n, 36) + "." + salt + "@" + domain + ">";
  }

  private static String bareAddress(String value) {
    Matcher m = ANGLE_ADDRESS.matcher(value);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return (last != null ? last : value).trim();
  }

  private static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    String d = at < 0 ? "" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    return d.isEmpty() ? "localhost" : d;
  }

  private static String baseSubject(String subject) {
    String s = subject.strip();
    while (true) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("re:") || lower.startsWith("aw:")) {
        s = s.substring(3).strip();
      } else {
        return s;
      }
    }
  }
}
