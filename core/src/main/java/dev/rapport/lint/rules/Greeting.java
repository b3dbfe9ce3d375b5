package dev.rapport.lint.rules;

import dev.rapport.draft.Address;
import dev.rapport.draft.Draft;
import dev.rapport.draft.Segment;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Span;
import dev.rapport.track.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A draft's salutation read for whom it addresses: "Dear Dr. Muñoz and Dr. Wróbel," names two
 * people, each with a title; "Respected Sir," names nobody. Immutable.
 *
 * @param span the whole greeting
 * @param addressees the people it names, in order
 * @param generic whether it names nobody ("Dear Sir/Madam", "To whom it may concern", "Dear
 *     Doctor")
 */
record Greeting(Span span, List<Addressee> addressees, boolean generic) {

  /**
   * One person a greeting names.
   *
   * @param title the title used, folded ("dr", "prof", "mr"), or {@code null} for none
   * @param names the name words, folded
   * @param span where the title and name sit
   * @param text the title and name as written
   */
  record Addressee(@Nullable String title, List<String> names, Span span, String text) {
    boolean academicTitle() {
      return title != null && Names.ACADEMIC_TITLES.contains(title);
    }
  }

  private static final Pattern SALUTATION =
      Pattern.compile(
          "^\\s*(?:(?:my\\s+)?dear(?:est)?|hello|hi|hey|good\\s+(?:morning|afternoon|evening|day)|greetings(?:\\s+(?:to|from))?"
              + "|respected|respectful|esteemed|honou?rable|hola|bonjour|salaam|namaste)\\b[\\s,]*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern WHOM = Pattern.compile("(?i)^\\s*to\\s+whom\\b");
  private static final Pattern SEPARATOR =
      Pattern.compile("(?i)\\s*(?:,|&|/|;|\\band\\b|\\bor\\b)\\s*");

  private static final Object GREETING = new Object();
  private static final Object RECIPIENTS = new Object();

  /** Returns the draft's greeting, read once per draft; empty if it has none. */
  static Optional<Greeting> of(LintContext context) {
    return context.memo(GREETING, c -> of(c.draft()));
  }

  /** Returns the draft's greeting, read; empty if it has none. */
  static Optional<Greeting> of(Draft draft) {
    Optional<Segment> seg = draft.greeting();
    if (seg.isEmpty()) {
      return Optional.empty();
    }
    Segment s = seg.get();
    String line = draft.text().substring(s.start(), s.end());
    return Optional.of(parse(line, s.start()));
  }

  static Greeting parse(String line, int base) {
    Span whole = Span.body(base, base + line.length());
    if (WHOM.matcher(line).find()) {
      return new Greeting(whole, List.of(), true);
    }
    Matcher sal = SALUTATION.matcher(line);
    int from = sal.find() ? sal.end() : 0;
    int to = line.length();
    // "Dear Dr. Arslan (dear Hocam, if you allow me)": an aside after the name is not more names.
    int aside = line.indexOf('(', from);
    if (aside >= 0) {
      to = aside;
    }
    while (to > from && ",:;!.- \t".indexOf(line.charAt(to - 1)) >= 0) {
      to--;
    }
    List<Addressee> out = new ArrayList<>();
    Matcher sep = SEPARATOR.matcher(line).region(from, to);
    int groupStart = from;
    while (true) {
      boolean found = sep.find();
      int groupEnd = found ? sep.start() : to;
      Addressee a = addressee(line, groupStart, groupEnd, base);
      if (a != null) {
        out.add(a);
      }
      if (!found) {
        break;
      }
      groupStart = sep.end();
    }
    return new Greeting(whole, List.copyOf(out), out.isEmpty());
  }

  private static @Nullable Addressee addressee(String line, int from, int to, int base) {
    if (to <= from) {
      return null;
    }
    List<Names.Token> tokens = Names.tokens(line.substring(from, to), base + from);
    String title = null;
    List<String> names = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (Names.Token t : tokens) {
      String f = t.folded();
      if (names.isEmpty() && Names.TITLES.contains(f)) {
        title = title == null ? f : title;
        start = start < 0 ? t.start() : start;
        end = t.end();
        continue;
      }
      if (Names.GENERIC.contains(f) || Names.GENERIC.contains(f.replace("-", ""))) {
        continue;
      }
      if (!names.isEmpty()
          && Names.DEGREES.contains(f)
          && t.raw().equals(t.raw().toUpperCase(java.util.Locale.ROOT))) {
        continue;
      }
      names.add(f);
      start = start < 0 ? t.start() : start;
      end = t.end();
    }
    if (names.isEmpty()) {
      return null; // "Dear Doctor", "Respected Sir", "Dear Team"
    }
    return new Addressee(
        title, List.copyOf(names), Span.body(start, end), line.substring(start - base, end - base));
  }

  /**
   * Returns the recipients of the draft (To: then Cc:), with what the configuration knows of each;
   * read once per draft.
   */
  static List<Names.Person> recipients(LintContext context) {
    return context.memo(RECIPIENTS, Greeting::readRecipients);
  }

  private static List<Names.Person> readRecipients(LintContext context) {
    List<Names.Person> out = new ArrayList<>();
    List<Address> all = new ArrayList<>(context.draft().to());
    all.addAll(context.draft().cc());
    for (Address a : all) {
      out.add(Names.person(a, known(context, a)));
    }
    return List.copyOf(out);
  }

  static @Nullable Contact known(LintContext context, Address a) {
    for (Contact c : context.recipients()) {
      if (c.email().equals(a.email())) {
        return c;
      }
    }
    return null;
  }
}
