package dev.rapport.track;

import dev.rapport.draft.Headers;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
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
