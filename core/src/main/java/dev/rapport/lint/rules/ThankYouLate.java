package dev.rapport.lint.rules;

import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.time.DayOfWeek;
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

  /** Days after a talk they gave (a lecture, grand rounds) by which thanks for it reads late. */
  static final int AUDIENCE_DAYS = 14;

  /**
   * A date read in a sentence beside the thanks counts only this far back: a later one is more
   * likely a future date without a year ("I will take Step 2 on 12 May") read as last year's.
   */
  private static final int MAX_DAYS = 120;

  /** Meeting them in person or on a call, not hearing them speak to a room. */
  private static final Pattern PERSONAL =
      Pattern.compile(
          "\\b(?:meet|meeting|met|call|chat|chatting|conversation|visit|coffee|lunch|dinner|zoom|time|shadow(?:ing)?"
              + "|(?:speak|speaking|spoke|talk|talking|talked)\\s+(?:with|to)\\s+(?:me|us))\\b",
          Pattern.CASE_INSENSITIVE);

  /** The sentence speaks of the meeting as past: "after our call", "when we met", "I attended". */
  private static final Pattern PAST_MEETING =
      Pattern.compile(
          "\\b(?:our|the|that|your)\\s+(?:\\p{L}+\\s+){0,2}(?:call|meeting|conversation|chat|visit|session|webinar|panel"
              + "|talk|lecture|rounds|workshop|coffee|lunch|dinner)\\b"
              + "|\\b(?:met|spoke|talked|attended|visited|shadowed|chatted)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FUTURE =
      Pattern.compile(
          "\\b(?:will|shall|next|upcoming|going\\s+to|look(?:ing)?\\s+forward)\\b|'ll\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The writer says the thanks comes late: "sorry for this late mail", "I apologise for writing
   * only now", "sorry this took me so long", "a belated thank-you", "I could not write earlier".
   */
  private static final Pattern LATE_APOLOGY =
      Pattern.compile(
          "\\b(?:sorry|apologi[sz]e|apolog(?:y|ies))\\b[^.?!;]{0,50}?\\b(?:late|delay|delayed|belated|so\\s+long"
              + "|this\\s+long|only\\s+now|(?:earlier|sooner)\\b(?!\\s+(?:today|this\\s+morning)))\\b"
              + "|\\bbelated(?:ly)?\\b"
              + "|\\b(?:could\\s*n[o']t|did\\s*n[o']t|was\\s+not\\s+able\\s+to|could\\s+not)\\s+(?:write|reply|respond|send\\s+(?:this|it))"
              + "\\s+(?:earlier|sooner|before)\\b"
              + "|\\bshould\\s+have\\s+written\\s+(?:earlier|sooner|before|the\\s+same\\s+(?:day|week))\\b"
              + "|\\b(?:took|has\\s+taken|taken)\\s+me\\s+(?:so|this|too)\\s+long\\b"
              + "|\\bwriting\\s+only\\s+now\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The writer says in other words that the thanks is late: "a thank-you that is three weeks late",
   * "late, and I apologise", "I wanted to thank you much earlier", "I never thanked you properly",
   * "sorry for the radio silence", "it has already been over a month since", "more than a month
   * later".
   */
  private static final Pattern ADMITS_LATE =
      Pattern.compile(
          "\\b(?:thank[- ]?you|thanks|note|message|e-?mail|mail)\\s+(?:that\\s+)?(?:is|comes|is\\s+coming|arrives)\\s+"
              + "(?:\\p{L}+\\s+){0,3}(?:late|belated)\\b"
              + "|\\b(?:late|belated|delay|delayed)\\b[^.?!;]{0,60}?\\b(?:sorry|apologi[sz]e|apolog(?:y|ies)|forgive)\\b"
              + "|\\b(?:wanted|meant|intended|hoped|should\\s+have\\s+liked)\\s+to\\s+(?:thank|write)(?:\\s+to)?(?:\\s+you)?"
              + "(?:\\s+(?:much|far|a\\s+lot|so\\s+much))?\\s+(?:earlier|sooner)\\b"
              + "|\\bnever\\s+(?:properly\\s+)?(?:thanked|wrote\\s+to\\s+thank|said\\s+thank)"
              + "|\\bnot\\s+(?:writing|thanking\\s+you|having\\s+written)(?:\\s+to\\s+you)?\\s+(?:sooner|earlier)\\b"
              + "|\\bradio\\s+silence\\b"
              + "|\\bonly\\s+now\\s+(?:writing|replying|getting|thanking|able)\\b"
              + "|\\b(?:been|is)\\s+(?:already\\s+)?(?:over|more\\s+than|almost|nearly|about)?\\s*(?:a|one|two|three|four|five|six"
              + "|several|a\\s+few|\\d{1,2})\\s+(?:weeks?|months?)\\s+since\\b"
              + "|\\b(?:over|more\\s+than|almost|nearly)\\s+(?:a|one|two|three|four|five|six|\\d{1,2})\\s+(?:weeks?|months?)\\s+later\\b",
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
        // The date is in the sentence before the thanks.
        RuleExample.bad(
            "Dear Dr. Osei,\n\nAfter our call six weeks ago I was on night duty for a month. Thank you "
                + "for your time and your advice on the spasticity clinic."
                + sign),
        // No date, but the writer says it is late.
        RuleExample.bad(
            "Dear Dr. Osei,\n\nPlease forgive this belated note. Thank you for meeting me at the "
                + "Assembly and for the advice on research years."
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
    List<SentenceActs> sentences = context.sentences();
    // A note that opens with thanks in other words ("I owe you a thank-you …") is one too.
    if (!(Situation.thanksOrUpdate(context)
            || !sentences.isEmpty() && sentences.get(0).isSure(Act.THANKS))
        || EarlierMessage.quotesThem(context)) {
      return;
    }
    ZonedDateTime now = context.draft().date().orElse(context.now()).atZone(ZoneOffset.UTC);
    int head = Math.min(5, sentences.size());
    boolean thanksForMeeting = false;
    boolean thanksForTalk = false;
    for (int i = 0; i < Math.min(4, head); i++) {
      SentenceActs s = sentences.get(i);
      String sentence = context.text(s.span());
      if (!s.has(Act.THANKS) || sentence.length() > 500 || !MET.matcher(sentence).find()) {
        continue;
      }
      boolean personal = PERSONAL.matcher(sentence).find();
      thanksForMeeting |= personal;
      thanksForTalk = true;
      Optional<Late> late = late(sentence, s.span().start(), now);
      if (late.isPresent()) {
        // Thanks for a talk they gave to a room is courtesy, not a thank-you note that is due.
        if (late.get().days() > (personal ? due(late.get().days(), now) : AUDIENCE_DAYS)) {
          reportDays(reporter, late.get());
        }
        return;
      }
    }
    if (!thanksForTalk) {
      // No thanks for a meeting or a talk in so many words; a thank-you that says it is late ("I
      // owe
      // you a thank-you that is three weeks late") still is.
      for (int i = 0; i < head; i++) {
        SentenceActs s = sentences.get(i);
        String sentence = context.text(s.span());
        Matcher m =
            sentence.length() > 500 || s.has(Act.UPDATE) ? null : ADMITS_LATE.matcher(sentence);
        if (m != null
            && m.find()
            && (s.has(Act.THANKS) || m.group().toLowerCase(Locale.ROOT).contains("thank"))) {
          reportApology(reporter, s.span().start(), m);
          return;
        }
      }
      return;
    }
    // The thanks names the meeting without its date, and a sentence beside it dates it ("After our
    // call on 12 June I had night duties", "I attended your webinar on 22 April"), or the writer
    // apologises for the delay.
    for (int i = 0; i < head; i++) {
      SentenceActs s = sentences.get(i);
      String sentence = context.text(s.span());
      if (sentence.length() > 500
          || s.has(Act.UPDATE)
          || !MET.matcher(sentence).find()
          || !PAST_MEETING.matcher(sentence).find()
          || FUTURE.matcher(sentence).find()
          || !EarlierMessage.mayDate(sentence)) {
        continue;
      }
      Optional<Late> late = late(sentence, s.span().start(), now);
      if (late.isPresent() && late.get().days() <= MAX_DAYS) {
        if (late.get().days() > (thanksForMeeting ? due(late.get().days(), now) : AUDIENCE_DAYS)) {
          reportDays(reporter, late.get());
        }
        return;
      }
    }
    for (int i = 0; i < head; i++) {
      SentenceActs s = sentences.get(i);
      String sentence = context.text(s.span());
      if (sentence.length() > 500 || s.has(Act.UPDATE)) {
        continue;
      }
      Matcher m = LATE_APOLOGY.matcher(sentence);
      if (!m.find()) {
        m = ADMITS_LATE.matcher(sentence);
        if (!m.find()) {
          continue;
        }
      }
      reportApology(reporter, s.span().start(), m);
      return;
    }
  }

  private static void reportApology(Reporter reporter, int start, Matcher m) {
    reporter.report(
        Span.body(start + m.start(), start + m.end()),
        "This says the thanks comes late; a thank-you is due within "
            + DUE_DAYS
            + " days, while they still remember the conversation, and dwelling on the delay draws"
            + " attention to it.",
        "Send it now with at most a word about the delay, and name one thing from the conversation you acted on.",
        DEDUCTION);
  }

  private static void reportDays(Reporter reporter, Late late) {
    long days = late.days();
    reporter.report(
        late.span(),
        "This thanks them for a meeting "
            + (days >= 14 ? days / 7 + " weeks" : days + " days")
            + " ago; a thank-you is "
            + "due within "
            + DUE_DAYS
            + " days, while they still remember the conversation.",
        "Send it now all the same, without apologising at length, and name one thing from the conversation you acted on.",
        DEDUCTION);
  }

  /**
   * The days a thank-you for a meeting {@code days} ago may take: {@link #DUE_DAYS}, and the
   * weekend days in between on top (a Thursday call thanked on Monday is on time).
   */
  static long due(long days, ZonedDateTime now) {
    LocalDate today = now.toLocalDate();
    long weekend = 0;
    for (long d = 1; d <= Math.min(days, DUE_DAYS + 2); d++) {
      DayOfWeek w = today.minusDays(d).getDayOfWeek();
      if (w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY) {
        weekend++;
      }
    }
    return DUE_DAYS + weekend;
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
