package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A letter, an observership or a position asked of someone the writer has only just met (in the
 * thank-you note after one call, or in the reply to their first answer) asks them to vouch for
 * someone they hardly know; a letter carries weight only from someone who knows the writer's work,
 * and a writer who appears only to ask weakens the tie. First contacts are {@code
 * BIG_ASK_FIRST_CONTACT}'s; a draft that shows the two have worked together (months of research, a
 * rotation, a mentor) is left alone, and so is a reply that takes up what the recipient offered. A
 * reply that asks again for what the recipient's quoted message declined is {@code
 * PUSHES_PAST_NO}'s.
 */
final class BigAskTooEarly implements Rule {

  /**
   * Points off the overall score (before fitting); the fit may weigh it up to a held rule's figure.
   */
  static final int DEDUCTION = 25;

  /** Signs in the writer's words that the two have worked together. */
  private static final Pattern ESTABLISHED =
      Pattern.compile(
          "\\b(?:you\\s+(?:have\\s+)?(?:supervised|mentored|guided|trained|taught)\\s+me|(?:my|our)\\s+(?:mentor|supervisor|research"
              + "\\s+(?:project|work|paper|study)\\s+(?:with|under)\\s+you)|(?:worked|working|been\\s+working)\\s+(?:with|under|for)\\s+you"
              + "|(?:during|since|after)\\s+(?:my|the)\\s+(?:\\p{L}+\\s+){0,2}(?:observership|rotation|elective|research\\s+(?:year|months?)"
              + "|months?|weeks?)\\s+(?:with|in|at|under|on)\\s+(?:you|your)|(?:during|on|in|from)\\s+(?:my|the|your)\\s+"
              + "(?:\\p{L}+\\s+){0,2}(?:elective|rotation|observership|externship|clerkship|service)\\b"
              + "|\\b(?:weeks|months)\\s+(?:on|in|at|with)\\s+your\\b|(?:for|over)\\s+the\\s+(?:past|last)\\s+(?:\\w+\\s+)?(?:months|years)"
              + "|(?:project|paper|study|manuscript|abstract|poster)\\s+(?:we|you\\s+and\\s+i)\\s+(?:worked|wrote|did|finished|submitted)"
              // "Since you've seen my work firsthand", "thank you for an incredible four
              // weeks on the unit", "for letting me observe in your clinic for two weeks"
              + "|you\\s+(?:have\\s+|['’]ve\\s+)?(?:seen|watched|observed|supervised|read)\\s+my\\s+(?:work|notes|presentations?"
              + "|cases?|consults?)|\\bletting\\s+me\\s+(?:observe|shadow|rotate|work|join|spend)"
              + "|thank(?:s|\\s+you)\\s+(?:\\p{L}+\\s+){0,3}for\\s+(?:an?|the|those|these|my)\\s+(?:\\p{L}+\\s+){0,3}(?:weeks|months"
              + "|rotation|elective|observership|externship|clerkship)\\b"
              + "|\\b(?:weeks|month|months)\\s+(?:on|in|at|with)\\s+(?:the|your)\\s+(?:\\p{L}+\\s+){0,2}(?:unit|service|clinic|team"
              + "|floor|wards?|lab|department))",
          Pattern.CASE_INSENSITIVE);

  /** The recipient's quoted message offers the big thing: the writer is taking it up. */
  private static final Pattern OFFERED =
      Pattern.compile(
          "\\b(?:happy|glad|willing|able|pleased)\\s+to\\b|\\bi\\s+(?:can|could|would"
              + "|will)\\s+(?:write|host|offer|provide|take\\s+you|have\\s+you)|\\byou\\s+(?:are|would\\s+be)\\s+welcome\\s+to\\b",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String id() {
    return "BIG_ASK_TOO_EARLY";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "A thank-you note or an early reply asks for a letter, an observership or a position of someone the writer has just met.";
  }

  @Override
  public List<RuleExample> examples() {
    String thanks =
        "Dear Dr. Haddad,\n\nThank you for taking the time to speak with me on Tuesday about spinal cord injury "
            + "rehabilitation. Your advice on research electives was very helpful.";
    return List.of(
        RuleExample.bad(
            thanks
                + " Would you be willing to write me a letter of recommendation for my residency application?"
                + "\n\nBest regards,\nSamir"),
        RuleExample.bad(
            thanks
                + " Could I also join your clinic for a four-week observership this spring?\n\nBest regards,\nSamir"),
        RuleExample.good(
            thanks
                + " I will read the two papers you mentioned and write again in a few months.\n\nBest regards,"
                + "\nSamir"),
        // After months of work together, the letter is fair to ask.
        RuleExample.good(
            "Dear Dr. Haddad,\n\nYou have supervised my chart review for the last five months, and the abstract is now "
                + "accepted. Would you be willing to write me a letter of recommendation for my residency application?\n\nBest "
                + "regards,\nSamir"),
        // An offer of a call is no offer of a letter.
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nThank you so much for answering. Could you also write me a letter of recommendation for"
                + " my residency applications?\n\nBest regards,\nSamir\n\nOn Mon, 2 Nov 2026, Rima Haddad <rhaddad@example.edu> wrote:"
                + "\n> Happy to talk for 20 minutes next Tuesday.\n"),
        // They offered it themselves.
        RuleExample.good(
            "Dear Dr. Haddad,\n\nThank you, I would be glad to. Could I join your clinic on the two Fridays in March?"
                + "\n\nBest regards,\nSamir\n\nOn Mon, 2 Nov 2026, Rima Haddad <rhaddad@example.edu> wrote:"
                + "\n> You would be welcome to observe in my clinic for a few days in March.\n"),
        // A first contact is BIG_ASK_FIRST_CONTACT's.
        RuleExample.good(
            "Dear Dr. Haddad,\n\nI am an IMG from Jordan. Could I join your clinic for a four-week observership?"
                + "\n\nBest regards,\nSamir"));
  }

  /**
   * The quoted message asks what the writer would like: naming it is an answer, not an ask out of
   * the blue.
   */
  private static final Pattern INVITED =
      Pattern.compile(
          "\\bwhat\\s+(?:specifically\\s+|exactly\\s+)?(?:would|could|might)\\s+(?:be\\s+)?(?:most\\s+)?(?:useful|helpful|help)\\b"
              + "|\\bwhat\\s+(?:exactly\\s+|specifically\\s+)?(?:are\\s+you|you\\s+are)\\s+(?:looking|hoping)\\s+for\\b"
              + "|\\bhow\\s+(?:can|could|may)\\s+i\\s+help\\b|\\blet\\s+me\\s+know\\s+what\\s+(?:you\\s+need|would\\s+help)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern QUOTED_SENTENCE_END =
      Pattern.compile("(?<=[.!?])\\s+|\\n\\s*(?:>\\s*)*\\n");

  /**
   * Whether a sentence of the quoted message offers something big ("You would be welcome to observe
   * in clinic in March"). An offer of something small ("Happy to talk next week", "I'll see whether
   * the project could use a remote volunteer") does not open the door to a letter or an
   * observership; a question about what the writer would like does.
   */
  private static boolean offersSomethingBig(String quoted) {
    if (INVITED.matcher(quoted).find()) {
      return true;
    }
    for (String sentence : QUOTED_SENTENCE_END.split(quoted.replaceAll("(?m)^\\s*>+\\s?", ""))) {
      if (OFFERED.matcher(sentence).find()
          && AskDetector.kindsNamed(sentence).stream().anyMatch(AskDetector.Kind::isBig)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (Situation.firstContact(context) || Situation.programOffice(context)) {
      return;
    }
    // Asking again after a quoted no is PUSHES_PAST_NO's.
    if (PushesPastNo.find(context).isPresent()) {
      return;
    }
    String text = context.draft().text();
    boolean offered = false;
    BigAskFirstContact.Found ask = BigAskFirstContact.findPlain(context);
    for (Segment q : context.draft().segments(SegmentKind.QUOTE)) {
      String quoted = text.substring(q.start(), Math.min(q.end(), q.start() + 20_000));
      // They offered it, or brought it up themselves: the writer is answering, not asking out of
      // the blue.
      offered |=
          offersSomethingBig(quoted)
              || (ask != null
                  && ask.kind() != null
                  && AskDetector.kindsNamed(quoted).contains(ask.kind()));
    }
    if (ask == null || offered) {
      return;
    }
    for (Segment s : context.draft().newText()) {
      if (ESTABLISHED.matcher(text).region(s.start(), s.end()).find()) {
        return;
      }
    }
    reporter.report(
        ask.span(),
        "This asks for "
            + ask.what()
            + " of someone you have only just met: it carries weight only from someone who "
            + "knows your work.",
        "Keep this message to thanks and one small next step; ask for more once you have worked together.",
        DEDUCTION);
  }
}
