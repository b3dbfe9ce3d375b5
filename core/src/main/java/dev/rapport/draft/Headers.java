package dev.rapport.draft;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Header values as drafts and tracked messages both read them: address lists, RFC 2047 text and
 * message ids, decoded strictly first (Angus) and by shape when that fails. Never throws.
 *
 * <p>Thread-safe: every method is a pure function of its argument.
 */
public final class Headers {
  private Headers() {}

  private static final Pattern LOOSE_ADDRESS =
      Pattern.compile("[^\\s<>\",;:()\\[\\]]+@[^\\s<>\",;:()\\[\\]]+");
  private static final Pattern SANE =
      Pattern.compile("[^\\s<>\",;:()\\[\\]@]+@[^\\s<>\",;:()\\[\\]@]+");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,998})>");
  private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");

  /**
   * Returns a header value unfolded (line breaks before white space removed) and stripped.
   *
   * @param raw the value, or {@code null} for a missing header
   * @return the value, or {@code ""} for a missing header
   */
  public static String unfold(@Nullable String raw) {
    if (raw == null) {
      return "";
    }
    return raw.indexOf('\n') < 0 ? raw.strip() : FOLD.matcher(raw).replaceAll(" ").strip();
  }

  /**
   * Returns unstructured header text with its RFC 2047 encoded words decoded; malformed ones are
   * left as they are.
   */
  public static String decodeText(@Nullable String raw) {
    String unfolded = unfold(raw);
    if (unfolded.indexOf("=?") < 0) {
      return unfolded; // no encoded words
    }
    try {
      return MimeUtility.decodeText(unfolded);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return unfolded;
    }
  }

  /**
   * Parses an address list; if it cannot be parsed strictly, the addresses are picked out by shape
   * and carry no names. Group members are listed; entries without an {@code @} are dropped.
   */
  public static List<Address> addresses(@Nullable String header) {
    List<Address> out = new ArrayList<>();
    String value = unfold(header);
    if (value.isEmpty()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
        if (a.isGroup()) {
          for (InternetAddress m : a.getGroup(false)) {
            add(out, m.getPersonal(), m.getAddress());
          }
        } else if (a.getAddress() != null
            && !a.getAddress().isEmpty()
            && !SANE.matcher(a.getAddress()).matches()) {
          // Angus parses leniently and can return a fragment of a broken header as the address.
          throw new AddressException("malformed address");
        } else {
          add(out, a.getPersonal(), a.getAddress());
        }
      }
      return out;
    } catch (AddressException | RuntimeException e) {
      out.clear();
      Matcher m = LOOSE_ADDRESS.matcher(value);
      while (m.find()) {
        add(out, null, m.group());
      }
      return out;
    }
  }

  private static void add(List<Address> out, @Nullable String name, @Nullable String email) {
    if (email == null) {
      return;
    }
    String e = email.strip();
    int at = e.lastIndexOf('@');
    if (at <= 0 || at == e.length() - 1 || e.length() > 320) {
      return;
    }
    out.add(new Address(name == null ? null : decodeText(name), e));
  }

  /**
   * Returns the message ids in a {@code Message-ID}, {@code In-Reply-To} or {@code References}
   * value, without brackets, in order, without repeats; a lone id without brackets is accepted.
   */
  public static List<String> messageIds(@Nullable String value) {
    Set<String> ids = new LinkedHashSet<>();
    String v = unfold(value);
    Matcher m = MESSAGE_ID.matcher(v);
    while (m.find()) {
      ids.add(m.group(1));
    }
    if (ids.isEmpty() && !v.isEmpty() && !v.contains(" ") && v.length() <= 998) {
      ids.add(stripBrackets(v));
    }
    ids.remove("");
    return new ArrayList<>(ids);
  }

  /**
   * Returns the rule ids named in an {@code X-Rapport-Ignore} value ("GENERIC_GREETING,
   * CONFIG.NO_SIR_MADAM"), upper-cased, in order, without repeats: commas or white space separate
   * them. At most 100 are read.
   */
  static List<String> ruleIds(@Nullable String value) {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : unfold(value).split("[\\s,;]+")) {
      if (!id.isEmpty() && ids.size() < 100) {
        ids.add(id.toUpperCase(java.util.Locale.ROOT));
      }
    }
    return new ArrayList<>(ids);
  }

  /** Returns the first message id in a value, if it has one. */
  public static Optional<String> messageId(@Nullable String value) {
    List<String> ids = messageIds(value);
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
  }

  /** Strips surrounding angle brackets and white space from a message id. */
  static String stripBrackets(String id) {
    String t = id.strip();
    if (t.startsWith("<")) {
      t = t.substring(1);
    }
    if (t.endsWith(">")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.strip();
  }

  /**
   * Repairs a header read byte for byte as ISO-8859-1 when its bytes were really UTF-8 (RFC 6532
   * headers, or clients that skip RFC 2047): "CafÃ©" becomes "Café". Text that is not valid UTF-8
   * is left alone.
   */
  static @Nullable String rawUtf8(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    boolean high = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c > 0xff) {
        return raw; // already decoded
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return raw;
    }
    byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    return Utf8.isValid(bytes) ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : raw;
  }
}
