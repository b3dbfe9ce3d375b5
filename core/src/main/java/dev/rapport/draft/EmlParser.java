package dev.rapport.draft;

import dev.rapport.internal.Text;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads an RFC 5322 message with Angus Mail: headers (RFC 2047 decoded), the body part to analyse
 * (text/plain preferred over text/html in {@code multipart/alternative}), and attachments listed by
 * name and type. The body's text keeps a map back to the bytes of the file, through 7bit, 8bit and
 * quoted-printable transfer encodings. Stateless and thread-safe.
 */
final class EmlParser {
  private EmlParser() {}

  private static final int MAX_DEPTH = 20;

  /** What the walk over the MIME tree found. */
  private static final class Found {
    @Nullable Part plain;
    @Nullable Part html;
  }

  /**
   * The header that names rules one message is not to be checked against; {@code rapport sendmail}
   * strips it.
   */
  static final String IGNORE_HEADER = "X-Rapport-Ignore";

  static Draft parse(byte[] bytes, String source) throws DraftException {
    // jakarta.mail looks its stream provider up for every part and header block it reads; the
    // loader answers from memory instead of from the jars (see StreamProviderLoader).
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    StreamProviderLoader.install(thread);
    try {
      return parseMime(bytes, source);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Draft parseMime(byte[] bytes, String source) throws DraftException {
    MimeBounds.check(bytes);
    // The whole message read as a MIME part: no Session, no activation registry, so a short-lived
    // command line does not pay for mail-provider discovery it never uses.
    MimeBodyPart msg;
    try {
      msg = new MimeBodyPart(new SharedByteArrayInputStream(bytes));
      if (!msg.getAllHeaders().hasMoreElements()) {
        throw new DraftException("not an email message: no headers found");
      }
    } catch (MessagingException e) {
      throw new DraftException("malformed message: " + oneLine(e), e);
    }

    Draft.Builder b = new Draft.Builder().source(source);
    try {
      b.subject = Headers.decodeText(header(msg, "Subject", null));
      b.to.addAll(Headers.addresses(header(msg, "To", ",")));
      b.cc.addAll(Headers.addresses(header(msg, "Cc", ",")));
      var from = Headers.addresses(header(msg, "From", ","));
      b.from = from.isEmpty() ? null : from.get(0);
      var ids = Headers.messageIds(header(msg, "Message-ID", null));
      b.messageId = ids.isEmpty() ? null : ids.get(0);
      b.references.addAll(Headers.messageIds(header(msg, "References", " ")));
      for (String id : Headers.messageIds(header(msg, "In-Reply-To", " "))) {
        if (!b.references.contains(id)) {
          b.references.add(id);
        }
      }
      b.dateHeader = header(msg, "Date", null);
      b.ignoredRules.addAll(Headers.ruleIds(header(msg, IGNORE_HEADER, ",")));
      MimeBounds.checkRecipients(b.to.size(), b.cc.size());
    } catch (MessagingException e) {
      throw new DraftException("malformed message headers: " + oneLine(e), e);
    }
    b.subjectPosition = headerPosition(bytes, "subject");

    Found found = new Found();
    try {
      walk(msg, b, found, 0);
    } catch (MessagingException | IOException e) {
      // A multipart that cannot be split (no boundary, say): read the whole body as the text, so
      // the writer still gets a score instead of nothing.
      found = new Found();
      found.plain = msg;
      b.attachments.clear();
    }
    b.format = DraftFormat.EML;
    try {
      if (found.plain != null && (found.html == null || !isBlankText(found.plain))) {
        return plainDraft(b, found.plain, bytes);
      }
      if (found.html != null) {
        String html = decodeToString(found.html);
        return HtmlText.extract(html).toDraft(b);
      }
    } catch (MessagingException | IOException e) {
      throw new DraftException("unreadable message body: " + oneLine(e), e);
    }
    return new Draft(b, "", StructureSplitter.split("", null), SourceMap.identity(""));
  }

  private static void walk(Part part, Draft.Builder b, Found found, int depth)
      throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      throw new MessagingException("MIME parts nested more than " + MAX_DEPTH + " deep");
    }
    ContentType type = contentType(part);
    String disposition = disposition(part);
    String name = fileName(part);
    if (type.match("multipart/*")) {
      Multipart mp = new MimeMultipart(new MimePartDataSource((MimePart) part));
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        walk(child, b, found, depth + 1);
      }
      return;
    }
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || name != null;
    if (!attachment && type.match("text/plain") && found.plain == null) {
      found.plain = part;
      return;
    }
    if (!attachment && type.match("text/html") && found.html == null) {
      found.html = part;
      return;
    }
    if (!attachment && (type.match("text/plain") || type.match("text/html"))) {
      return; // a second alternative rendering of the body, not a file
    }
    String listed = name;
    if (listed == null && type.match("message/rfc822")) {
      listed = "(forwarded message)";
    }
    b.attachments.add(
        new Attachment(listed == null ? "(unnamed)" : listed, type.getBaseType(), part.getSize()));
  }

  private static ContentType contentType(Part part) {
    try {
      String ct = part.getContentType();
      return new ContentType(ct == null ? "text/plain" : ct);
    } catch (MessagingException | RuntimeException e) {
      return textPlain();
    }
  }

  private static ContentType textPlain() {
    try {
      return new ContentType("text/plain; charset=us-ascii");
    } catch (ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static @Nullable String header(MimeBodyPart part, String name, @Nullable String delimiter)
      throws MessagingException {
    return Headers.rawUtf8(part.getHeader(name, delimiter));
  }

  private static @Nullable String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String fileName(Part part) {
    try {
      String name = Headers.rawUtf8(part.getFileName());
      return name == null || name.isBlank() ? null : Headers.decodeText(name);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isBlankText(Part part) throws MessagingException, IOException {
    return decodeToString(part).isBlank();
  }

  /**
   * Charset named by the part; undeclared or US-ASCII bodies that are valid UTF-8 are read as
   * UTF-8.
   */
  private static Charset charset(Part part, byte[] decoded) {
    String name = contentType(part).getParameter("charset");
    Charset cs = null;
    if (name != null) {
      try {
        cs = Charset.forName(MimeUtility.javaCharset(name.strip()));
      } catch (RuntimeException e) {
        cs = null;
      }
    }
    if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
      return Utf8.isValid(decoded) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }
    return cs;
  }

  private static String decodeToString(Part part) throws MessagingException, IOException {
    byte[] decoded = decode(part, raw(part));
    return new String(decoded, charset(part, decoded));
  }

  private static byte[] raw(Part part) throws MessagingException, IOException {
    return readAll(((MimeBodyPart) part).getRawInputStream());
  }

  /**
   * Undoes the transfer encoding: Angus for quoted-printable and uuencode, the JDK's lenient MIME
   * decoder for base64.
   */
  private static byte[] decode(Part part, byte[] raw) throws MessagingException, IOException {
    String encoding = encoding(part);
    switch (encoding) {
      case "7bit":
      case "8bit":
      case "binary":
        return raw;
      case "base64":
        try {
          return Base64.getMimeDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
          return lenientBase64(raw);
        }
      default:
        try {
          return readAll(MimeUtility.decode(new ByteArrayInputStream(raw), encoding));
        } catch (MessagingException e) {
          return raw; // an unknown encoding: show the text as it stands
        }
    }
  }

  /**
   * Base64 that a strict decoder refuses (stray padding, a cut last quantum, junk): every character
   * of the alphabet in order, a lone last one dropped, so the writer still sees what can be read.
   */
  static byte[] lenientBase64(byte[] raw) {
    byte[] kept = new byte[raw.length];
    int n = 0;
    for (byte c : raw) {
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '+'
          || c == '/') {
        kept[n++] = c;
      }
    }
    if (n % 4 == 1) {
      n--;
    }
    return Base64.getDecoder().decode(Arrays.copyOf(kept, n));
  }

  private static Draft plainDraft(Draft.Builder b, Part part, byte[] file)
      throws MessagingException, IOException {
    byte[] rawBytes = raw(part);
    byte[] decoded = decode(part, rawBytes);
    Charset cs = charset(part, decoded);
    int[] fileOffsets = mapToFile(part, rawBytes, decoded, file);
    CharMapping chars = CharMapping.decode(decoded, cs);
    if (fileOffsets == null || chars.byteOffsets == null) {
      String text = Texts.normalizeNewlines(chars.text);
      return new Draft(b, text, StructureSplitter.split(text, null), SourceMap.identity(text));
    }
    // Text without CR, each character mapped to the file byte it came from.
    StringBuilder sb = new StringBuilder(chars.text.length());
    SourceMap.Runs runs = new SourceMap.Runs();
    String s = chars.text;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          continue;
        }
        c = '\n';
      }
      int fileOffset = fileOffsets[chars.byteOffsets[i]];
      runs.add(sb.length(), fileOffset, 1);
      sb.append(c);
    }
    String text = sb.toString();
    return new Draft(
        b, text, StructureSplitter.split(text, null), SourceMap.ofBytes(runs, file, cs));
  }

  /**
   * For each decoded byte of the part, the offset in the file of the byte it came from; {@code
   * null} when the transfer encoding cannot be traced (base64) or the raw body is not found.
   */
  private static int @Nullable [] mapToFile(Part part, byte[] raw, byte[] decoded, byte[] file) {
    if (raw.length == 0) {
      return decoded.length == 0 ? new int[0] : null;
    }
    int at = indexOf(file, raw, 0);
    if (at < 0) {
      return null;
    }
    String encoding = encoding(part);
    if (encoding.equals("quoted-printable")) {
      return QuotedPrintableMap.map(raw, decoded, at);
    }
    if (encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary")) {
      if (!Arrays.equals(raw, decoded)) {
        return null;
      }
      int[] offsets = new int[decoded.length + 1];
      for (int i = 0; i <= decoded.length; i++) {
        offsets[i] = at + i;
      }
      return offsets;
    }
    return null;
  }

  private static String encoding(Part part) {
    try {
      String e = part instanceof MimeBodyPart mbp ? mbp.getEncoding() : null;
      return e == null ? "7bit" : e.strip().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return "7bit";
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      if (hay[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Where the value of a header starts in the header section of the file. */
  static SourcePosition headerPosition(byte[] file, String name) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        int end = i > lineStart && file[i - 1] == '\r' ? i - 1 : i;
        if (end == lineStart) {
          break; // end of the header section
        }
        if (end - lineStart > name.length()
            && file[lineStart + name.length()] == ':'
            && new String(file, lineStart, name.length(), StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase(name)) {
          int col = name.length() + 1;
          while (lineStart + col < end
              && (file[lineStart + col] == ' ' || file[lineStart + col] == '\t')) {
            col++;
          }
          return new SourcePosition(line, col + 1);
        }
        line++;
        lineStart = i + 1;
      }
    }
    return SourcePosition.START;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return Text.oneLine(m);
  }
}
