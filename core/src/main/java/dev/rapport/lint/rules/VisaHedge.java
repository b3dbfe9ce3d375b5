package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * "The visa should not be an issue" asks the reader to take a risk on trust; programs know what
 * sponsorship involves. State the visa you need and let them decide. A hedge is found by the act
 * model in any phrasing ("immigration status will not be a problem for me, I can sort it out") and
 * judged wherever it stands, whether or not a position is asked for.
 */
final class VisaHedge implements Rule {

  /** Points off the overall score: a hedge about status alone puts a draft under 60. */
  static final int DEDUCTION = 42;

  /**
   * Points off for a sentence only the model finds likely to hedge, with none of the hedging
   * phrases: worth another look.
   */
  static final int LIKELY = 20;

  private static final String VISA =
      "(?:the\\s+|my\\s+|a\\s+|any\\s+)?(?:visa|sponsorship|immigration)(?:\\s+(?:status|process|issues?|matters?|paperwork))?";
  private static final Phrase HEDGE =
      Phrase.of(
          String.join(
              "|",
              VISA
                  + "\\s+(?:can|could|will|would|shall)\\s+be\\s+(?:easily\\s+)?(?:arranged|sorted(?:\\s+out)?|managed|handled"
                  + "|taken\\s+care\\s+of|worked\\s+out|resolved|organi[sz]ed)\\b",
              VISA
                  + "\\s+(?:should|will|would|shall)\\s+not\\s+be\\s+(?:an?\\s+|any\\s+)?(?:issue|problem|concern|obstacle|barrier"
                  + "|difficulty)\\b",
              VISA
                  + "\\s+(?:is|isn['’]t|is\\s+not|won['’]t\\s+be)\\s+(?:an?\\s+|any\\s+)?(?:issue|problem|concern|obstacle)\\b",
              "\\b(?:no|without\\s+any)\\s+(?:visa|sponsorship|immigration)\\s+(?:issues?|problems?|concerns?|difficult(?:y|ies))\\b",
              "\\b(?:handle|manage|arrange|sort\\s+out|take\\s+care\\s+of|deal\\s+with)\\s+"
                  + VISA
                  + "\\s+(?:myself|on\\s+my\\s+own|by\\s+myself|independently)\\b",
              "\\b(?:do\\s+not|don['’]t)\\s+(?:need\\s+to\\s+)?worry\\s+about\\s+" + VISA + "\\b",
              "\\b(?:flexible|open)\\s+(?:about|regarding|on|with)\\s+" + VISA + "\\b",
              "\\b(?:visa|sponsorship)\\s+(?:details|matters|issues)\\s+(?:can|could)\\s+(?:wait|be\\s+discussed\\s+later)\\b"));

  /** Words of visa or status: without one nearby, "no problem" is about something else. */
  private static final Phrase STATUS_WORDS =
      Phrase.of(
          "\\b(?:visas?|sponsor(?:ship|ed|ing|s)?|immigration|status|papers|paperwork|documents?|passports?|citizen(?:ship)?|nationality"
              + "|green[-\\s]card|EAD|work\\s+permit|residen(?:ce|cy)\\s+permit|H-?4|H-?1-?B|J-?1|F-?1|B-?1(?:/B-?2)?|O-?1"
              + "|asylum|refugee|permanent\\s+resident|ECFMG|embassy|consulate)\\b");

  /** Words that play a need down: "but this is not a problem", "I don't think I will need". */
  private static final Phrase MINIMISING =
      Phrase.of(
          "\\b(?:not|no|never)\\s+(?:really\\s+)?(?:be\\s+)?(?:a\\s+|an\\s+|any\\s+)?(?:big\\s+|real\\s+|major\\s+)?(?:problem|issue|concern|obstacle|worry)"
              + "|\\b(?:don['’]t|do\\s+not)\\s+(?:think|expect|believe)\\b|\\bshould\\s+be\\s+(?:fine|ok|okay|easy)\\b|\\beasily\\b"
              + "|\\bmanage\\b|\\bsort(?:ed)?\\s+(?:it\\s+)?out\\b|\\blater\\b|\\bworry\\b|\\bprobably\\b|\\bhopefully\\b|\\bmyself\\b"
              + "|\\bon\\s+my\\s+own\\b|\\bbe\\s+(?:arranged|handled|managed|sorted|resolved|fine|easy)\\b");

  @Override
  public String id() {
    return "VISA_HEDGE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.VISA_TRANSPARENCY;
  }

  @Override
  public String description() {
    return "The draft hedges about visa or status (\"visa can be arranged\", \"status should not be an issue\"), wherever it does.";
  }

  @Override
  public List<RuleExample> examples() {
    String ask =
        " Is there an observership position in your amputee clinic this summer?\n\nBest,\nDmytro";
    return List.of(
        RuleExample.bad(
            "Dear Dr. Berg,\n\nI am an IMG from Ukraine. The visa should not be an issue." + ask),
        RuleExample.bad(
            "Dear Dr. Berg,\n\nI am an IMG from Ukraine and can handle the visa myself." + ask),
        RuleExample.bad(
            "Dear Dr. Berg,\n\nI am an IMG from Ukraine; my visa can be arranged easily." + ask),
        RuleExample.good(
            "Dear Dr. Berg,\n\nI am a Ukrainian citizen and would need a J-1 visa." + ask),
        RuleExample.bad(
            "Dear Dr. Berg,\n\nDoes your program sponsor visas for IMGs? Immigration status will not be a problem for"
                + " me, I can sort it out.\n\nBest,\nDmytro"),
        // A hedge is a hedge even when no position is asked for.
        RuleExample.bad(
            "Dear Dr. Berg,\n\nThe visa should not be an issue for me. Would you have 15 minutes to talk "
                + "about amputee rehabilitation at the Assembly?\n\nBest,\nDmytro"),
        RuleExample.good(
            "Dear Dr. Berg,\n\nI am a Ukrainian citizen and would need a B1 visa for the observership. Would you "
                + "issue an invitation letter for the visa interview?\n\nBest,\nDmytro"),
        RuleExample.good(
            "Dear Dr. Berg,\n\nWould you have 15 minutes to talk about amputee rehabilitation at the Assembly?\n\nBest,\nDmytro"),
        // "No problem" about something else, in a draft that states the visa plainly.
        RuleExample.good(
            "Dear Dr. Berg,\n\nI am a Ukrainian citizen and would need a J-1 visa. I can help with the data entry; Google "
                + "Sheets is no problem for me.\n\nBest,\nDmytro"));
  }

  @Override
  public boolean appliesTo(LintContext context) {
    return VisaStatements.concernsVisa(context);
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    // A question to the reader about visas ("Would you issue an invitation letter for the B1 visa
    // interview?")
    // asks; it hides nothing. Only the hedge phrases below can make a question a hedge.
    // The model's reading counts only where visa or status is in the sentence or the one before
    // it ("Google Sheets is no problem for me" is not about a visa), and not where the sentence
    // itself names the visa without playing it down ("…: I am an Iranian citizen with no US status,
    // and the only realistic route is a J-1"); a hedge phrase still counts anywhere.
    List<SentenceActs> read = new java.util.ArrayList<>();
    List<SentenceActs> all = context.sentences();
    for (SentenceActs s : Acts.doing(context, Act.VISA_HEDGE)) {
      String text = context.text(s.span());
      if (Acts.isQuestion(text) || (VisaStatements.VISA.in(text) && !MINIMISING.in(text))) {
        continue;
      }
      int i = all.indexOf(s);
      if (STATUS_WORDS.in(text)
          || (i > 0 && STATUS_WORDS.in(context.text(all.get(i - 1).span())))) {
        read.add(s);
      }
    }
    List<Acts.Flagged> hedges =
        Acts.graded(context, read, Act.VISA_HEDGE, Situation::scan, HEDGE, (m, s) -> true);
    if (!hedges.isEmpty()) {
      Acts.Flagged first =
          hedges.stream().filter(Acts.Flagged::sure).findFirst().orElse(hedges.get(0));
      Span span = first.span();
      reporter.report(
          span,
          "\""
              + Acts.quote(context, span, 90)
              + "\" "
              + (first.sure() ? "hedges" : "seems to hedge")
              + " about your visa or status instead of stating it; a program reads that as a risk you are hiding.",
          "State it plainly (\"I am a Pakistani citizen and would need J-1 sponsorship\") and let them judge.",
          first.sure() ? DEDUCTION : LIKELY);
    }
  }
}
