package dev.rapport.track;

import dev.rapport.draft.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Header decoding for summaries that never throws: strict first (Angus), then by shape. */
final class HeaderValues {
  private HeaderValues() {}

  /** The most References entries kept: the first (the thread's root) and the latest ones. */
  static final int MAX_REFERENCES = 256;

  private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>\",;:()\\[\\]]+@[^\\s<>\",;:()\\[\\]]+");
  private static final Pattern SANE = Pattern.compile("[^\\s<>\",;:()\\[\\]@]+@[^\\s<>\",;:()\\[\\]@]+");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,998})>");
  private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");
  private static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");

  static String unfold(@Nullable String raw) {
    return raw == null ? "" : FOLD.matcher(raw).replaceAll(" ").strip();
  }

  static String decodeText(@Nullable String raw) {
    String unfolded = unfold(raw);
    try {
      return MimeUtility.decodeText(unfolded);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return unfolded;
    }
  }

  static List<Address> addresses(@Nullable String header) {
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
        } else if (a.getAddress() != null && !a.getAddress().isEmpty() && !SANE.matcher(a.getAddress()).matches()) {
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

  /** Returns the message ids in a header value, without brackets, in order, without repeats. */
  static List<String> messageIds(@Nullable String value) {
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

  static @Nullable String messageId(@Nullable String value) {
    List<String> ids = messageIds(value);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /**
   * Keeps the first reference (the thread's root) and the latest ones: enough to thread, and keeps
   * a pathological 5,000-entry header from costing quadratic time.
   */
  static List<String> capReferences(List<String> refs) {
    if (refs.size() <= MAX_REFERENCES) {
      return refs;
    }
    List<String> out = new ArrayList<>(MAX_REFERENCES);
    out.add(refs.get(0));
    out.addAll(refs.subList(refs.size() - (MAX_REFERENCES - 1), refs.size()));
    return out;
  }

  private static String stripBrackets(String s) {
    String t = s.strip();
    if (t.startsWith("<")) {
      t = t.substring(1);
    }
    if (t.endsWith(">")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.strip();
  }

  /** Parses an RFC 5322 date leniently; {@code null} for garbage or an implausible year. */
  static @Nullable Instant date(@Nullable String value) {
    String v = unfold(value);
    if (v.isEmpty() || v.length() > 200) {
      return null;
    }
    try {
      Date d = new MailDateFormat().parse(v, new ParsePosition(0));
      if (d == null) {
        return null;
      }
      Instant i = d.toInstant();
      return i.isBefore(EARLIEST) || i.getEpochSecond() > 32503680000L ? null : i;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String lower(@Nullable String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
