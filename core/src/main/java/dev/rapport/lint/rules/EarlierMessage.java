package dev.rapport.lint.rules;

import dev.rapport.draft.Address;
import dev.rapport.draft.Draft;
import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Span;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * When the writer's previous, unanswered message went, as the draft itself shows it: the date in
 * the attribution of their own quoted message ("On Mon, 30 Nov 2026 at 09:12, Ayesha … wrote:",
 * Outlook's "Sent:" line), or a sentence of theirs that dates it ("two days ago", "yesterday", "my
 * email of 30th November", "as I wrote on Monday", "it has been three days since my last email"). A
 * quote of the recipient's message means they answered, and there is no earlier unanswered message
 * to time. Stateless.
 */
final class EarlierMessage {
  private EarlierMessage() {}

  /**
   * The previous message's date and where the draft shows it.
   *
   * @param sent the day it went (midnight UTC of that day when only the day is known)
   * @param days whole days between it and the draft
   * @param span the words that date it
   * @param evidence how the draft shows it, for the message ("the quoted message is dated 30 Nov")
   */
  record Evidence(Instant sent, long days, Span span, String evidence) {}

  private static final String MONTHS =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
          + "|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s.-]+"
              + MONTHS
              + "(?:,?[\\s.-]+(\\d{4}))?\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b" + MONTHS + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
  private static final Pattern NUMERIC =
      Pattern.compile("\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{2}|\\d{4})\\b");
  private static final List<Pattern> DATES = List.of(DAY_MONTH, MONTH_DAY, ISO, NUMERIC);

  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("couple", 2),
          Map.entry("few", 3),
          Map.entry("several", 4));

  private static final String COUNT =
      "(\\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
          + "|fourteen|(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few|several)";

  /** "two days ago", "a week back", "three days since my email", "2 days before". */
  private static final Pattern AGO =
      Pattern.compile(
          "\\b" + COUNT + "\\s+(days?|weeks?)\\s+(?:ago|back|before|since|earlier)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern WORDS =
      Pattern.compile(
          "\\b(yesterday|day\\s+before\\s+yesterday|earlier\\s+today|this\\s+morning|last\\s+night|earlier\\s+this\\s+week"
              + "|last\\s+week|past\\s+week|(?:on|last|this\\s+past|past|from|of)\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b",
          Pattern.CASE_INSENSITIVE);

  /** The sentence speaks of the writer's own earlier message. */
  private static final Pattern OWN_MESSAGE =
      Pattern.compile(
          // "my email of 12 November", "I wrote on Monday", "I am writing again": not "I am writing
          // with one question
          // after your webinar last Saturday", whose date is the webinar's
          "\\bmy\\b[^.?!]{0,60}?\\b(?:e-?mails?|mails?|messages?|notes?|letters?|inquir(?:y|ies)|enquir(?:y|ies)|requests?)\\b"
              + "|\\bi\\b[^.?!]{0,60}?\\b(?:wrote|written|sent|e-?mailed|reached\\s+out|contacted|writing\\s+(?:to\\s+you\\s+)?again"
              + "|following\\s+up)\\b"
              + "|\\b(?:e-?mails?|messages?|mails?)\\s+(?:i|that\\s+i)\\s+(?:sent|send|wrote)\\b"
              // the present for the past: "Sorry to disturb you again, I send you email yesterday"
              + "|\\bi\\s+(?:send|write|mail)\\s+(?:to\\s+)?you\\s+(?:an?\\s+|the\\s+|my\\s+)?(?:e-?mail|mail|message|letter)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The sentence speaks of the recipient's message: they answered. */
  private static final Pattern THEIR_MESSAGE =
      Pattern.compile(
          "\\byour\\s+(?:kind\\s+|quick\\s+|prompt\\s+|generous\\s+|detailed\\s+|thoughtful\\s+|helpful\\s+)?"
              + "(?:reply|response|answer|e-?mail|message|note)\\b|\\byou\\s+(?:replied|wrote|answered|responded)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern OUTLOOK_SENT =
      Pattern.compile(
          "^\\s*(?:sent|date|gesendet|envoyé|enviado)\\s*:\\s*(.+)$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern OUTLOOK_FROM =
      Pattern.compile(
          "^\\s*(?:from|von|de)\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private static final Object KEY = new Object();

  /** Returns the writer's previous unanswered message as the draft shows it, if it does. */
  static Optional<Evidence> find(LintContext c) {
    return c.memo(KEY, EarlierMessage::compute);
  }

  private static Optional<Evidence> compute(LintContext c) {
    Draft d = c.draft();
    ZonedDateTime now = d.date().orElse(c.now()).atZone(ZoneOffset.UTC);
    String text = d.text();
    boolean quotesThem = false;
    for (Segment q : d.segments()) {
      if (q.kind() != SegmentKind.QUOTE) {
        continue;
      }
      String head = text.substring(q.start(), Math.min(q.end(), q.start() + 600));
      Who who = whoWrote(d, head);
      if (who == Who.THEM) {
        quotesThem = true;
        continue;
      }
      if (who != Who.ME) {
        continue;
      }
      Matcher sent = OUTLOOK_SENT.matcher(head);
      int from = 0;
      int to = firstLineEnd(head);
      if (sent.find()) {
        from = sent.start(1);
        to = sent.end(1);
      }
      LocalDate day = date(head.substring(from, to), now.toLocalDate());
      if (day != null) {
        long days = ChronoUnit.DAYS.between(day, now.toLocalDate());
        return Optional.of(
            new Evidence(
                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                days,
                Span.body(q.start() + from, q.start() + to),
                "the quoted message of yours is dated " + format(day)));
      }
    }
    if (quotesThem) {
      return Optional.empty();
    }
    // Of the earlier messages the draft dates, the latest counts: "I wrote on 3 March. I wrote
    // again on 11 March."
    Optional<Evidence> latest = Optional.empty();
    for (Span s : c.prose().sentences()) {
      String sentence = text.substring(s.start(), Math.min(s.end(), s.start() + 500));
      if (!mayDate(sentence)
          || THEIR_MESSAGE.matcher(sentence).find()
          || !OWN_MESSAGE.matcher(sentence).find()) {
        continue;
      }
      Optional<Evidence> e = relative(sentence, s.start(), now);
      if (e.isPresent() && (latest.isEmpty() || e.get().sent().isAfter(latest.get().sent()))) {
        latest = e;
      }
    }
    return latest;
  }

  /** Returns whether the draft quotes a message of the recipient's: it answers them. */
  static boolean quotesThem(LintContext c) {
    Draft d = c.draft();
    String text = d.text();
    for (Segment q : d.segments()) {
      if (q.kind() == SegmentKind.QUOTE
          && whoWrote(d, text.substring(q.start(), Math.min(q.end(), q.start() + 600)))
              == Who.THEM) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether the sentence could hold a date or a time reference that {@link #relative}
   * reads: a digit, or "day" (yesterday, Monday…), "week", "morning" or "night". A cheap test that
   * spares the sentences without one the message and date patterns.
   */
  static boolean mayDate(String sentence) {
    for (int i = 0; i < sentence.length(); i++) {
      char ch = sentence.charAt(i);
      if (ch >= '0' && ch <= '9') {
        return true;
      }
    }
    String lower = sentence.toLowerCase(Locale.ROOT);
    return lower.contains("day")
        || lower.contains("week")
        || lower.contains("morning")
        || lower.contains("night");
  }

  private enum Who {
    ME,
    THEM,
    UNKNOWN
  }

  /** Whose message a quote is, from its attribution or Outlook header block. */
  private static Who whoWrote(Draft d, String head) {
    Matcher from = OUTLOOK_FROM.matcher(head);
    String line = from.find() ? from.group(1) : head.substring(0, firstLineEnd(head));
    String lower = line.toLowerCase(Locale.ROOT);
    if (d.from().isPresent() && mentions(lower, d.from().get())) {
      return Who.ME;
    }
    for (Address a : d.to()) {
      if (mentions(lower, a)) {
        return Who.THEM;
      }
    }
    return Who.UNKNOWN;
  }

  private static boolean mentions(String lowerLine, Address a) {
    if (lowerLine.contains(a.email().toLowerCase(Locale.ROOT))) {
      return true;
    }
    String name = a.name();
    return name != null && name.length() > 3 && lowerLine.contains(name.toLowerCase(Locale.ROOT));
  }

  private static int firstLineEnd(String s) {
    int nl = s.indexOf('\n');
    // An attribution may wrap once ("On Tue, 3 Mar 2026 at 10:02, Dr. Maria\nGonzalez <m@x.org>
    // wrote:").
    if (nl >= 0 && !s.substring(0, nl).contains("wrote")) {
      int next = s.indexOf('\n', nl + 1);
      return next < 0 ? s.length() : next;
    }
    return nl < 0 ? s.length() : nl;
  }

  /**
   * Returns the day a sentence dates something to ("two days ago", "on Monday", "30th November"),
   * if it does.
   */
  static Optional<Evidence> relative(String sentence, int offset, ZonedDateTime now) {
    LocalDate today = now.toLocalDate();
    Matcher m = AGO.matcher(sentence);
    if (m.find()) {
      int n = count(m.group(1));
      long days = m.group(2).toLowerCase(Locale.ROOT).startsWith("week") ? 7L * n : n;
      return Optional.of(
          evidence(today.minusDays(days), today, offset + m.start(), offset + m.end(), m.group()));
    }
    m = WORDS.matcher(sentence);
    if (m.find()) {
      String w = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      LocalDate day;
      if (m.group(2) != null) {
        DayOfWeek dow = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        int back = (today.getDayOfWeek().getValue() - dow.getValue() + 7) % 7;
        day = today.minusDays(back == 0 ? 7 : back);
      } else if (w.equals("yesterday") || w.equals("last night")) {
        day = today.minusDays(1);
      } else if (w.equals("day before yesterday")) {
        day = today.minusDays(2);
      } else if (w.equals("earlier today") || w.equals("this morning")) {
        day = today;
      } else if (w.equals("earlier this week")) {
        day = today.minusDays(Math.max(1, Math.min(3, today.getDayOfWeek().getValue() - 1)));
      } else {
        day = today.minusDays(7);
      }
      return Optional.of(evidence(day, today, offset + m.start(), offset + m.end(), m.group()));
    }
    // "I wrote on 3 March and again on 11 March": the gap runs from the latest of them.
    @Nullable Evidence latest = null;
    for (Pattern p : DATES) {
      m = p.matcher(sentence);
      while (m.find()) {
        LocalDate day = date(m.group(), today);
        if (day != null
            && (latest == null
                || day.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(latest.sent()))) {
          latest = evidence(day, today, offset + m.start(), offset + m.end(), m.group());
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  private static Evidence evidence(
      LocalDate day, LocalDate today, int start, int end, String words) {
    return new Evidence(
        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
        ChronoUnit.DAYS.between(day, today),
        Span.body(start, end),
        "\"" + words.trim() + "\" dates your earlier message to " + format(day));
  }

  private static String format(LocalDate day) {
    return day.getDayOfMonth()
        + " "
        + day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)
        + " "
        + day.getYear();
  }

  private static int count(String word) {
    String w =
        word.toLowerCase(Locale.ROOT).replaceAll("^a\\s+", "").replaceAll("\\s+of$", "").trim();
    if (Character.isDigit(w.charAt(0))) {
      return Integer.parseInt(w);
    }
    return NUMBER_WORDS.getOrDefault(w, 1);
  }

  /**
   * Returns the first date in {@code s} that is not after {@code today}: "30 Nov 2026", "November
   * 30", "2026-11-30", "30/11/2026" (day first, or month first when only that reading is a past
   * date). A date without a year is in the last twelve months.
   */
  static @Nullable LocalDate date(String s, LocalDate today) {
    Matcher m = DAY_MONTH.matcher(s);
    if (m.find()) {
      LocalDate d = of(m.group(3), month(m.group(2)), Integer.parseInt(m.group(1)), today);
      if (d != null) {
        return d;
      }
    }
    m = MONTH_DAY.matcher(s);
    if (m.find()) {
      LocalDate d = of(m.group(3), month(m.group(1)), Integer.parseInt(m.group(2)), today);
      if (d != null) {
        return d;
      }
    }
    m = ISO.matcher(s);
    if (m.find()) {
      LocalDate d =
          of(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), today);
      if (d != null) {
        return d;
      }
    }
    m = NUMERIC.matcher(s);
    if (m.find()) {
      String y = m.group(3).length() == 2 ? "20" + m.group(3) : m.group(3);
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      LocalDate dayFirst = of(y, b, a, today);
      LocalDate monthFirst = of(y, a, b, today);
      if (dayFirst == null) {
        return monthFirst;
      }
      if (monthFirst == null) {
        return dayFirst;
      }
      return dayFirst.isAfter(monthFirst) ? dayFirst : monthFirst; // the nearer past reading
    }
    return null;
  }

  private static int month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String[] months = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    for (int i = 0; i < months.length; i++) {
      if (n.startsWith(months[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  private static @Nullable LocalDate of(
      @Nullable String year, int month, int day, LocalDate today) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    try {
      if (year != null) {
        LocalDate d = LocalDate.of(Integer.parseInt(year), month, day);
        return d.isAfter(today) ? null : d;
      }
      LocalDate d = LocalDate.of(today.getYear(), month, day);
      return d.isAfter(today) ? d.minusYears(1) : d;
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
