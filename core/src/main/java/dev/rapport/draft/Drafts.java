package dev.rapport.draft;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * Reads drafts: from {@code .eml} files, HTML, plain text, or the fields of a compose window.
 *
 * <pre>{@code
 * Draft d = Drafts.parse(Path.of("to-dr-okafor.eml"));
 * Draft d = Drafts.builder().to("Dr. Ana Ruiz <ana@example.edu>").subject("...").plainText(body).build();
 * }</pre>
 *
 * <p>Thread-safe: every method is a pure function of its arguments.
 */
public final class Drafts {
  private Drafts() {}

  /** The largest draft read, in bytes: bigger input is refused rather than slowly analysed. */
  public static final int MAX_BYTES = 25 * 1024 * 1024;

  private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:[ \\t]?.*");
  private static final Pattern KNOWN_HEADER =
      Pattern.compile(
          "^(?:from|to|cc|bcc|subject|date|message-id|mime-version|content-type|in-reply-to|references|"
              + "received|return-path|reply-to|x-[a-z0-9-]+|user-agent|delivered-to|content-transfer-encoding)\\s*:.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING_SUBJECT =
      Pattern.compile("(?i)Subject:[ \\t]*([^\\r\\n]*)(?:\\r\\n|\\r|\\n)");
  private static final Pattern HTML_START =
      Pattern.compile(
          "(?is)^\\s*(?:<!doctype\\s+html|<html|<head|<body|<meta|<div|<p[\\s>]|<br|<span|<table|<blockquote|<pre|<!--)");

  /** Returns a builder for a draft made from a compose window's fields. */
  public static Draft.Builder builder() {
    return new Draft.Builder();
  }

  /**
   * Reads a draft from a file; the format comes from the extension ({@code .eml}, {@code .html},
   * {@code .txt}) or, failing that, from the content.
   *
   * @throws DraftException if the file is binary, too large, or not a readable message
   * @throws IOException if the file cannot be read
   */
  public static Draft parse(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return parse(file, file.toString());
  }

  /**
   * Reads a draft from a file, as {@link #parse(Path)} does, with the label findings will carry.
   *
   * <p>The file is read through a bounded stream, so a device or a pipe that reports no size (or
   * never ends, such as {@code /dev/zero}) is refused at the limit instead of exhausting memory.
   */
  public static Draft parse(Path file, String source) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(source, "source");
    if (Files.isDirectory(file)) {
      throw new DraftException("is a directory");
    }
    if (!Files.exists(file)) {
      throw new DraftException("no such file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = readBounded(in, MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new DraftException("no such file");
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return parse(bytes, source, formatFromName(name));
  }

  /**
   * Reads a draft from a stream, such as standard input; the format comes from the content.
   *
   * @param source the label findings will carry, such as {@code "-"}
   */
  public static Draft parse(InputStream in, String source) throws IOException {
    return parse(readBounded(in, MAX_BYTES), source, null);
  }

  /**
   * Reads at most {@code limit} bytes of a stream.
   *
   * @throws DraftException if the stream holds more than {@code limit} bytes (it is read no
   *     further)
   */
  public static byte[] readBounded(InputStream in, int limit) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new DraftException(
          String.format(
              Locale.ROOT, "draft too large: more than %d MB (the limit)", limit / 1048576));
    }
    return bytes;
  }

  /**
   * Reads a whole message, such as one piped to a sendmail program: attachments may take it past
   * {@link #MAX_BYTES}, up to {@code maxMessageBytes}; the limit that applies to drafts applies to
   * the text that is linted.
   */
  public static Draft parseMessage(byte[] bytes, String source, int maxMessageBytes)
      throws DraftException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > maxMessageBytes) {
      throw tooLarge(bytes.length, maxMessageBytes);
    }
    checkContent(bytes);
    if (bytes.length > MAX_BYTES) {
      MimeBounds.check(bytes); // before textBytes splits the message into its parts
      long text = textBytes(bytes);
      if (text > MAX_BYTES) {
        throw textTooLarge(text);
      }
    }
    // Read as parse(bytes, source, EML) reads it: a headerless message keeps its first line.
    Draft d = parseUnchecked(bytes, source, DraftFormat.EML);
    if (d.text().length() > MAX_BYTES) {
      throw textTooLarge(d.text().length());
    }
    return d;
  }

  private static DraftException textTooLarge(long size) {
    return new DraftException(
        String.format(
            Locale.ROOT,
            "message text too large: %.1f MB (the limit is %d MB; attachments do not count)",
            size / 1048576.0,
            MAX_BYTES / 1048576));
  }

  /**
   * The encoded size of the parts that would be linted (text not marked as an attachment), read
   * from the MIME structure without decoding anything: a message past the draft limit is judged by
   * it before any of its text is decoded.
   */
  private static long textBytes(byte[] bytes) {
    try {
      var msg =
          new jakarta.mail.internet.MimeBodyPart(
              new jakarta.mail.util.SharedByteArrayInputStream(bytes));
      return textBytes(msg, 0);
    } catch (jakarta.mail.MessagingException | IOException | RuntimeException e) {
      return bytes.length; // not splittable: the whole body is read as text
    }
  }

  private static long textBytes(jakarta.mail.Part part, int depth)
      throws jakarta.mail.MessagingException, IOException {
    if (depth > 20) {
      return 0;
    }
    if (part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (!(content instanceof jakarta.mail.Multipart mp)) {
        return Math.max(0, part.getSize());
      }
      long sum = 0;
      for (int i = 0; i < mp.getCount(); i++) {
        sum += textBytes(mp.getBodyPart(i), depth + 1);
      }
      return sum;
    }
    boolean attachment =
        jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
            || part.getFileName() != null;
    return !attachment && part.isMimeType("text/*") ? Math.max(0, part.getSize()) : 0;
  }

  /**
   * Reads a draft from bytes.
   *
   * @param format the format, or {@code null} to tell from the content
   */
  public static Draft parse(byte[] bytes, String source, @Nullable DraftFormat format)
      throws DraftException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(bytes.length, MAX_BYTES);
    }
    checkContent(bytes);
    return parseUnchecked(bytes, source, format);
  }

  private static Draft parseUnchecked(byte[] bytes, String source, @Nullable DraftFormat format)
      throws DraftException {
    DraftFormat f = format != null ? format : sniff(bytes);
    if (format == DraftFormat.EML && !looksLikeHeaders(head(bytes))) {
      // No header block: a draft whose first line is its greeting ("Dear Dr. [Last Name],") must
      // not
      // lose that line to the header parser, so it is read as what it is, whatever the file is
      // called.
      f = sniffBody(head(bytes));
    } else if (format == DraftFormat.TEXT && looksLikeHeaders(head(bytes))) {
      // A .txt whose first lines are headers ("Subject: …", "To: …") then a blank line is a message
      // saved as text: read it as standard input and .eml read it, so the three ways agree.
      f = DraftFormat.EML;
    }
    switch (f) {
      case EML:
        return EmlParser.parse(bytes, source);
      case HTML:
        {
          Draft.Builder b = builder().source(source);
          b.format = DraftFormat.HTML;
          try {
            // jsoup honours a byte-order mark and a <meta charset>, and defaults to UTF-8.
            return HtmlText.extract(Jsoup.parse(new ByteArrayInputStream(bytes), null, ""))
                .toDraft(b);
          } catch (IOException e) {
            throw new DraftException("unreadable HTML: " + e.getMessage(), e);
          }
        }
      default:
        {
          String text = decodeText(bytes);
          Matcher subject = LEADING_SUBJECT.matcher(text);
          if (subject.lookingAt()) {
            return withLeadingSubject(text, subject, source);
          }
          return builder().source(source).plainText(text).build();
        }
    }
  }

  /**
   * A plain-text draft whose first line is "Subject: …" and whose second is not a header (with a
   * blank line after the headers it would be a message): that line is the subject, the rest the
   * body, positions still counted in the file.
   */
  private static Draft withLeadingSubject(String text, Matcher subject, String source) {
    Draft.Builder b = builder().source(source).subject(subject.group(1).strip());
    b.subjectPosition = new SourcePosition(1, text.codePointCount(0, subject.start(1)) + 1);
    b.format = DraftFormat.TEXT;
    int from = subject.end();
    SourceMap.Runs runs = new SourceMap.Runs();
    StringBuilder body = new StringBuilder(text.length() - from);
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      runs.add(body.length(), i, 1);
      body.append(c == '\r' ? '\n' : c);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      }
    }
    String t = body.toString();
    return new Draft(b, t, StructureSplitter.split(t, null), SourceMap.ofString(runs, text));
  }

  /** Reads a plain-text draft. */
  public static Draft parseText(String text) {
    return builder().plainText(text).build();
  }

  /** Reads an HTML draft; findings point into its visible text. */
  public static Draft parseHtml(String html) {
    return builder().html(html).build();
  }

  private static void checkContent(byte[] bytes) throws DraftException {
    if (isBlank(bytes)) {
      throw new DraftException("empty draft");
    }
    if (!hasUtf16Bom(bytes) && looksBinary(bytes)) {
      throw new DraftException("binary data, not a draft");
    }
  }

  static DraftFormat sniff(byte[] bytes) {
    String head = head(bytes);
    return looksLikeHeaders(head) ? DraftFormat.EML : sniffBody(head);
  }

  private static final int HEAD_CHARS = 4096;

  private static String head(byte[] bytes) {
    String head =
        new String(bytes, 0, Math.min(bytes.length, HEAD_CHARS), StandardCharsets.ISO_8859_1);
    if (head.startsWith("\ufeff") || head.startsWith("\u00ef\u00bb\u00bf")) {
      head = head.substring(head.startsWith("\ufeff") ? 1 : 3);
    }
    return head;
  }

  private static DraftFormat sniffBody(String head) {
    if (HTML_START.matcher(head).find()) {
      return DraftFormat.HTML;
    }
    return DraftFormat.TEXT;
  }

  private static boolean looksLikeHeaders(String head) {
    boolean known = false;
    int headers = 0;
    // Line by line up to the blank line that ends the header section; the body is not looked at.
    for (int i = 0, start = 0; start <= head.length(); i++) {
      int nl = head.indexOf('\n', start);
      int end = nl < 0 ? head.length() : nl;
      String l = head.substring(start, end > start && head.charAt(end - 1) == '\r' ? end - 1 : end);
      start = nl < 0 ? head.length() + 1 : nl + 1;
      if (nl < 0 && head.length() >= HEAD_CHARS - 3 && !HEADER_LINE.matcher(l).matches()) {
        break; // a line cut where the head was cut ("X-Pa"): judged on the lines before it
      }
      if (l.isEmpty()) {
        return known && headers > 0;
      }
      if ((l.startsWith(" ") || l.startsWith("\t")) && headers > 0) {
        continue; // folded continuation
      }
      if (i == 0 && l.startsWith("From ")) {
        continue; // mbox separator
      }
      if (!HEADER_LINE.matcher(l).matches()) {
        return false;
      }
      headers++;
      known |= KNOWN_HEADER.matcher(l).matches();
    }
    // The header section ran past what we looked at.
    return known && headers > 1;
  }

  private static @Nullable DraftFormat formatFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".eml") || n.endsWith(".mbox") || n.endsWith(".msg.txt")) {
      return DraftFormat.EML;
    }
    if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
      return DraftFormat.HTML;
    }
    if (n.endsWith(".txt") || n.endsWith(".text")) {
      return DraftFormat.TEXT;
    }
    return null;
  }

  private static boolean isBlank(byte[] b) {
    for (byte x : b) {
      if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasUtf16Bom(byte[] b) {
    return b.length >= 2
        && (((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)
            || ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe));
  }

  private static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int c = bytes[i] & 0xff;
      if (c == 0) {
        return true;
      }
      if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
        control++;
      }
    }
    return n > 0 && control * 10 > n;
  }

  private static String decodeText(byte[] bytes) {
    int skip = 0;
    Charset cs = null;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      skip = 3;
      cs = StandardCharsets.UTF_8;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      skip = 2;
      cs = StandardCharsets.UTF_16BE;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      skip = 2;
      cs = StandardCharsets.UTF_16LE;
    }
    if (cs == null) {
      cs = Utf8.isValid(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }
    return new String(bytes, skip, bytes.length - skip, cs);
  }

  private static DraftException tooLarge(long size, int limit) {
    return new DraftException(
        String.format(
            Locale.ROOT,
            "draft too large: %.1f MB (the limit is %d MB)",
            size / 1048576.0,
            limit / 1048576));
  }
}
