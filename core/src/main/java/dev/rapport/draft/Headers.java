package dev.rapport.draft;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Header decoding that never fails: strict first (Angus), then lenient. */
final class Headers {
  private Headers() {}

  private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>\",;:()\\[\\]]+@[^\\s<>\",;:()\\[\\]]+");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

  /** Parses an address list; addresses that cannot be parsed strictly are picked out by shape. */
  static List<Address> parseAddresses(@Nullable String header) {
    List<Address> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
        String email = a.getAddress();
        if (email != null && email.contains("@")) {
          out.add(new Address(a.getPersonal(), email));
        } else if (a.isGroup()) {
          for (InternetAddress m : a.getGroup(false)) {
            if (m.getAddress() != null && m.getAddress().contains("@")) {
              out.add(new Address(m.getPersonal(), m.getAddress()));
            }
          }
        }
      }
      return out;
    } catch (AddressException e) {
      out.clear();
      Matcher m = LOOSE_ADDRESS.matcher(header);
      while (m.find()) {
        out.add(Address.of(m.group()));
      }
      return out;
    }
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

  /** Decodes RFC 2047 encoded words; leaves malformed ones as they are. */
  static String decodeText(@Nullable String raw) {
    if (raw == null) {
      return "";
    }
    String unfolded = raw.replaceAll("\\r?\\n[ \\t]", " ").strip();
    try {
      return MimeUtility.decodeText(unfolded);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return unfolded;
    }
  }

  /** Returns the message ids in a {@code References} or {@code In-Reply-To} value, without brackets. */
  static List<String> messageIds(@Nullable String value) {
    Set<String> ids = new LinkedHashSet<>();
    if (value != null) {
      Matcher m = MESSAGE_ID.matcher(value);
      while (m.find()) {
        ids.add(m.group(1));
      }
      if (ids.isEmpty() && !value.isBlank() && !value.strip().contains(" ")) {
        ids.add(value.strip());
      }
    }
    return new ArrayList<>(ids);
  }

  /** Strips surrounding angle brackets and whitespace from a message id. */
  static String stripBrackets(String id) {
    String s = id.strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }
}
