package dev.rapport.config;

import dev.rapport.draft.Address;
import dev.rapport.draft.Segment;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * A rule written in the configuration file ({@code [[checks.flag]]}, {@code [[checks.require]]},
 * {@code [[checks.substitute]]}): phrases matched as literal words, never as regular expressions.
 * Ids are {@code CONFIG.<ID>}. Immutable and thread-safe.
 */
abstract sealed class ConfigRule implements Rule
    permits ConfigRule.Flag, ConfigRule.Require, ConfigRule.Substitute {

  /**
   * Most findings one rule reports on one draft: a phrase repeated a million times is one problem.
   */
  static final int MAX_FINDINGS = 100;

  /** Where phrases are looked for. */
  enum Place {
    /** The subject line. */
    SUBJECT,
    /** What the writer wrote now: greeting, body and closing (not quotes or the signature). */
    BODY
  }

  /**
   * What every configured rule has.
   *
   * @param id the full id, {@code CONFIG.<ID>}
   * @param description the one line {@code rapport rules} shows
   * @param dimension what its findings count against
   * @param severity its findings' severity
   * @param deduction the points each finding takes off
   * @param in where it looks
   * @param message the finding's message template
   * @param suggestion the finding's suggestion template
   */
  record Common(
      String id,
      String description,
      Dimension dimension,
      Severity severity,
      int deduction,
      Set<Place> in,
      String message,
      String suggestion) {
    Common {
      Objects.requireNonNull(id, "id");
      in = Set.copyOf(in);
    }
  }

  final Common common;

  ConfigRule(Common common) {
    this.common = common;
  }

  @Override
  public String id() {
    return common.id();
  }

  @Override
  public Dimension dimension() {
    return common.dimension();
  }

  @Override
  public Severity defaultSeverity() {
    return common.severity();
  }

  @Override
  public String description() {
    return common.description();
  }

  /** The draft's subject and text, case-folded once per check for {@link Phrase#mayOccurIn}. */
  static final class Folded {
    private final LintContext context;
    private @Nullable String subject;
    private @Nullable String text;

    Folded(LintContext context) {
      this.context = context;
    }

    String subject() {
      if (subject == null) {
        subject = Phrase.fold(context.draft().subject());
      }
      return subject;
    }

    String text() {
      if (text == null) {
        text = Phrase.fold(context.draft().text());
      }
      return text;
    }
  }

  /** Calls {@code hit} for each match of a phrase in the given places, until it returns false. */
  static boolean scan(LintContext context, Folded folded, Phrase phrase, Set<Place> in, Hit hit) {
    if (in.contains(Place.SUBJECT) && phrase.mayOccurIn(folded.subject())) {
      Matcher m = phrase.matcher(context.draft().subject());
      while (m.find()) {
        if (!hit.on(Span.subject(m.start(), m.end()), m.group())) {
          return false;
        }
      }
    }
    if (in.contains(Place.BODY) && phrase.mayOccurIn(folded.text())) {
      String text = context.draft().text();
      for (Segment s : context.draft().newText()) {
        Matcher m = phrase.matcher(text).region(s.start(), s.end());
        while (m.find()) {
          if (!hit.on(Span.body(m.start(), m.end()), m.group())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  static boolean occurs(LintContext context, Folded folded, Phrase phrase, Set<Place> in) {
    return !scan(context, folded, phrase, in, (span, text) -> false);
  }

  /** Receives a match; returns whether to go on. */
  @FunctionalInterface
  interface Hit {
    boolean on(Span span, String matched);
  }

  static String quoted(List<Phrase> phrases, String conjunction, int max) {
    List<String> q = new ArrayList<>();
    for (int i = 0; i < phrases.size() && i < max; i++) {
      q.add("\u201c" + phrases.get(i).text() + "\u201d");
    }
    String list =
        q.size() <= 1
            ? String.join("", q)
            : String.join(", ", q.subList(0, q.size() - 1))
                + " "
                + conjunction
                + " "
                + q.get(q.size() - 1);
    return phrases.size() > max ? list + " (and " + (phrases.size() - max) + " more)" : list;
  }

  static String places(Set<Place> in) {
    return in.size() == 2 ? "subject or body" : in.contains(Place.SUBJECT) ? "subject" : "body";
  }

  /** A bland message the example drafts are built around. */
  static String message(String to, String subject, String sentence) {
    return (to.isEmpty() ? "" : "To: " + to + "\n")
        + "Subject: "
        + subject
        + "\n\nHello,\n\n"
        + sentence
        + "\n\nAna\n";
  }

  /** {@code [[checks.flag]]}: phrases that should not be in a draft. */
  static final class Flag extends ConfigRule {
    private final List<Phrase> phrases;

    Flag(Common common, List<Phrase> phrases) {
      super(common);
      this.phrases = List.copyOf(phrases);
    }

    static String describe(List<Phrase> phrases) {
      return "Flags " + quoted(phrases, "and", 3) + ".";
    }

    @Override
    public List<RuleExample> examples() {
      String p = phrases.get(0).text();
      boolean body = common.in().contains(Place.BODY);
      return List.of(
          RuleExample.bad(
              body
                  ? message("", "Note", "I write " + p + " today.")
                  : message("", "Note " + p, "I write today.")),
          RuleExample.good(message("", "Note", "I write today.")));
    }

    @Override
    public void check(LintContext context, Reporter reporter) {
      int[] n = {0};
      Folded folded = new Folded(context);
      for (Phrase p : phrases) {
        boolean more =
            scan(
                context,
                folded,
                p,
                common.in(),
                (span, matched) -> {
                  reporter.report(
                      span,
                      fill(common.message(), matched, ""),
                      fill(common.suggestion(), matched, ""),
                      common.deduction());
                  return ++n[0] < MAX_FINDINGS;
                });
        if (!more || Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  /** {@code [[checks.substitute]]}: words to replace with plainer ones. */
  static final class Substitute extends ConfigRule {
    /** One substitution: a phrase and what to write instead. */
    record Swap(Phrase from, String to) {}

    private final List<Swap> swaps;

    Substitute(Common common, List<Swap> swaps) {
      super(common);
      this.swaps = List.copyOf(swaps);
    }

    static String describe(List<Swap> swaps) {
      StringBuilder sb = new StringBuilder("Suggests ");
      for (int i = 0; i < swaps.size() && i < 3; i++) {
        sb.append(i == 0 ? "" : ", ")
            .append('\u201c')
            .append(swaps.get(i).to())
            .append("\u201d for \u201c")
            .append(swaps.get(i).from().text())
            .append('\u201d');
      }
      return sb.append(swaps.size() > 3 ? " (and " + (swaps.size() - 3) + " more)." : ".")
          .toString();
    }

    @Override
    public List<RuleExample> examples() {
      Swap s = swaps.get(0);
      boolean body = common.in().contains(Place.BODY);
      return List.of(
          RuleExample.bad(
              body
                  ? message("", "Note", "We " + s.from().text() + " it.")
                  : message("", "Note " + s.from().text(), "Thanks.")),
          RuleExample.good(
              body
                  ? message("", "Note", "We " + s.to() + " it.")
                  : message("", "Note " + s.to(), "Thanks.")));
    }

    @Override
    public void check(LintContext context, Reporter reporter) {
      int[] n = {0};
      Folded folded = new Folded(context);
      for (Swap s : swaps) {
        boolean more =
            scan(
                context,
                folded,
                s.from(),
                common.in(),
                (span, matched) -> {
                  String to = sameCase(matched, s.to());
                  reporter.report(
                      span,
                      fill(common.message(), matched, to),
                      fill(common.suggestion(), matched, to),
                      common.deduction());
                  return ++n[0] < MAX_FINDINGS;
                });
        if (!more || Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }

    /** "Utilize" becomes "Use", "UTILIZE" becomes "USE". */
    static String sameCase(String matched, String to) {
      if (to.isEmpty() || matched.isEmpty()) {
        return to;
      }
      boolean allUpper =
          matched.length() > 1
              && matched.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
              && matched.chars().anyMatch(Character::isLetter);
      if (allUpper) {
        return to.toUpperCase(Locale.ROOT);
      }
      if (Character.isUpperCase(matched.codePointAt(0))
          && Character.isLowerCase(to.codePointAt(0))) {
        return new StringBuilder()
            .appendCodePoint(Character.toUpperCase(to.codePointAt(0)))
            .append(to.substring(Character.charCount(to.codePointAt(0))))
            .toString();
      }
      return to;
    }
  }

  /** {@code [[checks.require]]}: phrases one of which must appear when a condition holds. */
  static final class Require extends ConfigRule {

    /**
     * When the requirement applies; every list given must have a match (an empty list always does).
     *
     * @param recipients addresses ({@code a@b.edu}), exact domains ({@code @b.edu}) or domains with
     *     their subdomains ({@code b.edu}) of which a To: or Cc: recipient must match one
     * @param draftContains phrases of which one must be in the subject or what the writer wrote
     * @param subjectContains phrases of which one must be in the subject
     */
    record When(List<String> recipients, List<Phrase> draftContains, List<Phrase> subjectContains) {
      When {
        recipients = List.copyOf(recipients);
        draftContains = List.copyOf(draftContains);
        subjectContains = List.copyOf(subjectContains);
      }

      boolean holds(LintContext context, Folded folded) {
        if (!recipients.isEmpty()) {
          List<Address> all = new ArrayList<>(context.draft().to());
          all.addAll(context.draft().cc());
          if (all.stream().noneMatch(a -> recipients.stream().anyMatch(r -> matches(r, a)))) {
            return false;
          }
        }
        if (!draftContains.isEmpty()
            && draftContains.stream()
                .noneMatch(p -> occurs(context, folded, p, Set.of(Place.SUBJECT, Place.BODY)))) {
          return false;
        }
        return subjectContains.isEmpty()
            || subjectContains.stream()
                .anyMatch(p -> occurs(context, folded, p, Set.of(Place.SUBJECT)));
      }

      static boolean matches(String pattern, Address a) {
        if (pattern.startsWith("@")) {
          return a.domain().equals(pattern.substring(1));
        }
        if (pattern.contains("@")) {
          return a.email().equals(pattern);
        }
        return a.domain().equals(pattern) || a.domain().endsWith("." + pattern);
      }

      String describe() {
        List<String> parts = new ArrayList<>();
        if (!recipients.isEmpty()) {
          parts.add(
              "writing to "
                  + String.join(" or ", recipients.subList(0, Math.min(3, recipients.size())))
                  + (recipients.size() > 3 ? " (and " + (recipients.size() - 3) + " more)" : ""));
        }
        if (!draftContains.isEmpty()) {
          parts.add("the draft says " + quoted(draftContains, "or", 3));
        }
        if (!subjectContains.isEmpty()) {
          parts.add("the subject says " + quoted(subjectContains, "or", 3));
        }
        return String.join(" and ", parts);
      }
    }

    private final List<Phrase> phrases;
    private final When when;

    Require(Common common, List<Phrase> phrases, When when) {
      super(common);
      this.phrases = List.copyOf(phrases);
      this.when = when;
    }

    static String describe(List<Phrase> phrases, Set<Place> in, When when) {
      String w = when.describe();
      return "Requires "
          + quoted(phrases, "or", 3)
          + " in the "
          + places(in)
          + (w.isEmpty() ? "" : " when " + w)
          + ".";
    }

    static String defaultMessage(List<Phrase> phrases, Set<Place> in) {
      return "The " + places(in) + " should mention " + quoted(phrases, "or", 3) + ".";
    }

    @Override
    public List<RuleExample> examples() {
      String to = "";
      if (!when.recipients().isEmpty()) {
        String r = when.recipients().get(0);
        to = r.startsWith("@") ? "office" + r : r.contains("@") ? r : "office@" + r;
      }
      String subject =
          "Question"
              + (when.subjectContains().isEmpty()
                  ? ""
                  : " on " + when.subjectContains().get(0).text());
      String sentence =
          "I have a question"
              + (when.draftContains().isEmpty()
                  ? ""
                  : " about " + when.draftContains().get(0).text())
              + ".";
      String p = phrases.get(0).text();
      boolean subjectOnly = !common.in().contains(Place.BODY);
      return List.of(
          RuleExample.bad(message(to, subject, sentence)),
          RuleExample.good(
              subjectOnly
                  ? message(to, subject + " (" + p + ")", sentence)
                  : message(to, subject, sentence + " It concerns " + p + ".")));
    }

    @Override
    public void check(LintContext context, Reporter reporter) {
      Folded folded = new Folded(context);
      if (!when.holds(context, folded)) {
        return;
      }
      for (Phrase p : phrases) {
        if (occurs(context, folded, p, common.in())) {
          return;
        }
      }
      Span where;
      if (!common.in().contains(Place.BODY)) {
        where = Span.subject(0, context.draft().subject().length());
      } else {
        List<Segment> text = context.draft().newText();
        where = Span.at(text.isEmpty() ? 0 : text.get(0).start());
      }
      String first = phrases.get(0).text();
      reporter.report(
          where,
          fill(common.message(), first, ""),
          fill(common.suggestion(), first, ""),
          common.deduction());
    }
  }

  /** Fills a template's {@code {phrase}} and {@code {replacement}}. */
  static String fill(String template, String phrase, String replacement) {
    return template.replace("{phrase}", phrase).replace("{replacement}", replacement);
  }
}
