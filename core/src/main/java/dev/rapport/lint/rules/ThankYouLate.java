package dev.rapport.lint.rules;

import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thank-you note is due within three days of meeting someone: sent then, it reads as interest and
 * they still remember the conversation; weeks later it reads as an afterthought. The draft dates
 * the meeting itself ("thank you for speaking with me at the Assembly on 24 October", "for the call
 * two weeks ago", "in October"); the rule compares that with the draft's date.
 */
final class ThankYouLate implements Rule {

  /** Points off (before fitting); the fit may weigh a late thank-you as heavily as a held rule. */
  static final int DEDUCTION = 10;

  /** Days after the meeting by which a thank-you is due. */
  static final int DUE_DAYS = 3;

  /** The thanks is for meeting or talking with them, not for an answer or a document. */
  private static final Pattern MET =
      Pattern.compile(
          "\\b(?:meet|meeting|met|speak|speaking|spoke|talk|talking|chat|chatting|conversation|call|visit|time|session|"
              + "conference|congress|assembly|meeting|webinar|workshop|lecture|talk|rounds|clinic|reception|dinner|lunch|coffee)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern LAST_MONTH =
      Pattern.compile("\\blast\\s+month\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern IN_MONTH =
      Pattern.compile(
          "\\b(?:in|during|back\\s+in|early|late|mid-?)\\s+(january|february|march|april|may|june|july|august|september"
              + "|october|november|december)\\b(?!\\s+\\d)",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String id() {
    return "THANK_YOU_LATE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "A thank-you note dates the meeting it thanks for more than three days before the draft.";
  }

  @Override
  public List<RuleExample> examples() {
    String sign = "\n\nBest regards,\nNadia";
    return List.of(
        RuleExample.bad(
            "Dear Dr. Osei,\n\nThank you for speaking with me two weeks ago at the Assembly about pediatric "
                + "rehabilitation."
                + sign),
        RuleExample.bad(
            "Dear Dr. Osei,\n\nThank you for the conversation last month about spasticity clinics."
                + sign),
        RuleExample.good(
            "Dear Dr. Osei,\n\nThank you for speaking with me yesterday at the Assembly about pediatric "
                + "rehabilitation."
                + sign),
        // Thanks for a reply is not a thank-you for a meeting.
        RuleExample.good(
            "Dear Dr. Osei,\n\nThank you for your email of two weeks ago; I have read the paper you suggested."
                + sign));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.thanksOrUpdate(context)) {
      return;
    }
    ZonedDateTime now = context.draft().date().orElse(context.now()).atZone(ZoneOffset.UTC);
    List<SentenceActs> sentences = context.sentences();
    for (int i = 0; i < Math.min(4, sentences.size()); i++) {
      SentenceActs s = sentences.get(i);
      if (!s.has(Act.THANKS)) {
        continue;
      }
      String sentence = context.text(s.span());
      if (sentence.length() > 500 || !MET.matcher(sentence).find()) {
        continue;
      }
      Optional<Late> late = late(sentence, s.span().start(), now);
      if (late.isPresent() && late.get().days() > DUE_DAYS) {
        long days = late.get().days();
        reporter.report(
            late.get().span(),
            "This thanks them for a meeting "
                + (days >= 14 ? days / 7 + " weeks" : days + " days")
                + " ago; a thank-you is "
                + "due within "
                + DUE_DAYS
                + " days, while they still remember the conversation.",
            "Send it now all the same, without apologising at length, and name one thing from the conversation you acted on.",
            DEDUCTION);
        return;
      }
    }
  }

  private record Late(long days, Span span) {}

  private static Optional<Late> late(String sentence, int offset, ZonedDateTime now) {
    Optional<EarlierMessage.Evidence> e = EarlierMessage.relative(sentence, offset, now);
    if (e.isPresent()) {
      return Optional.of(new Late(e.get().days(), e.get().span()));
    }
    LocalDate today = now.toLocalDate();
    Matcher m = LAST_MONTH.matcher(sentence);
    if (m.find()) {
      // Last month: counted from its middle, as the phrase is used for anything from two to six
      // weeks.
      long days =
          ChronoUnit.DAYS.between(today.withDayOfMonth(1).minusMonths(1).plusDays(14), today);
      return Optional.of(new Late(days, Span.body(offset + m.start(), offset + m.end())));
    }
    m = IN_MONTH.matcher(sentence);
    if (m.find()) {
      Month month = Month.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      if (month == today.getMonth()) {
        return Optional.empty();
      }
      int year = month.getValue() < today.getMonthValue() ? today.getYear() : today.getYear() - 1;
      LocalDate end = LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
      return Optional.of(
          new Late(
              ChronoUnit.DAYS.between(end, today),
              Span.body(offset + m.start(), offset + m.end())));
    }
    return Optional.empty();
  }
}
