package dev.rapport.track;

import dev.rapport.draft.Address;
import dev.rapport.draft.Headers;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What tracking adds to {@link Headers}: a cap on References and a lenient date. Never throws. */
final class HeaderValues {
  private HeaderValues() {}

  /** The most References entries kept: the first (the thread's root) and the latest ones. */
  static final int MAX_REFERENCES = 256;

  private static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");

  /**
   * One parser per thread: a MailDateFormat is a SimpleDateFormat, not thread-safe and costly to
   * build (a sync parses the date of every message).
   */
  private static final ThreadLocal<MailDateFormat> DATES =
      ThreadLocal.withInitial(MailDateFormat::new);

  /** How many address headers {@link #addresses} remembers per thread before it starts afresh. */
  private static final int MAX_REMEMBERED = 4096;

  /**
   * The address lists of the address headers last parsed on this thread, by raw value: a mailbox
   * repeats a few values thousands of times (the user's own From, each contact's To), and a sync
   * parses every message's. Sharing the lists also keeps one copy of each in memory.
   */
  private static final ThreadLocal<Map<String, List<Address>>> ADDRESSES =
      ThreadLocal.withInitial(HashMap::new);

  /** {@link Headers#addresses}, unmodifiable, remembered by raw value. */
  static List<Address> addresses(@Nullable String value) {
    if (value == null) {
      return List.of();
    }
    Map<String, List<Address>> seen = ADDRESSES.get();
    List<Address> a = seen.get(value);
    if (a == null) {
      a = List.copyOf(Headers.addresses(value));
      if (seen.size() >= MAX_REMEMBERED) {
        seen.clear();
      }
      seen.put(value, a);
    }
    return a;
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

  /** Parses an RFC 5322 date leniently; {@code null} for garbage or an implausible year. */
  static @Nullable Instant date(@Nullable String value) {
    String v = Headers.unfold(value);
    if (v.isEmpty() || v.length() > 200) {
      return null;
    }
    try {
      Date d = DATES.get().parse(v, new ParsePosition(0));
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
