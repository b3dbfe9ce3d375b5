package dev.rapport.lint.rules;

import dev.rapport.draft.Address;
import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply that presses on after the recipient's quoted message said no: asks them to reconsider or
 * make an exception, argues that the writer's case is different, begs, asks again for the big thing
 * they declined, or answers the no with reproach. Whoever took the time to answer clearly reads
 * this as not having been listened to, and it ends the conversation the answer left open. Graders
 * treat it as one of the worst things a reply can do, so one finding puts a draft under 60.
 */
final class PushesPastNo implements Rule {

  /**
   * Points off the overall score: held, like pressure, so that one finding lands a draft under 60.
   */
  static final int DEDUCTION = 42;

  private static final String APOS = "['’]";

  /** The recipient's quoted message says no. */
  static final Pattern DECLINED =
      Pattern.compile(
          "\\b(?:unfortunately|i\\s+am\\s+afraid|i"
              + APOS
              + "m\\s+afraid|i\\s+regret|regrettably)\\b|\\b(?:unable|not\\s+able)\\s+to\\b"
              + "|\\b(?:cannot|can"
              + APOS
              + "t|can\\s+not|won"
              + APOS
              + "t|will\\s+not|do\\s+not|don"
              + APOS
              + "t|does\\s+not|doesn"
              + APOS
              + "t|am\\s+not)\\s+(?:\\p{L}+\\s+)?(?:offer|host|take|accept|sponsor|write|provide|support|have|supervise|commit)\\b"
              + "|\\b(?:do\\s+not|don"
              + APOS
              + "t)\\s+(?:think|believe|see\\s+how)\\s+(?:that\\s+)?(?:i|we)\\s+(?:could|can|would|will)\\s+"
              + "(?:\\p{L}+\\s+)?(?:offer|host|take|accept|sponsor|write|provide|support|help|supervise|commit)\\b"
              + "|\\bnot\\s+in\\s+a\\s+position\\b|\\bno\\s+longer\\s+(?:offer|accept|take|host)"
              + "|\\b(?:slots|places|spots|positions|openings)\\s+(?:are|is)\\s+(?:all\\s+)?(?:full|filled|taken)\\b"
              + "|\\bno\\s+(?:space|room|capacity|openings|availability)\\s+(?:for|this|in)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Words that ask them to go back on the answer, or that refuse to take it. */
  private static final Pattern PUSH =
      Pattern.compile(
          "\\breconsider|\\b(?:an|one|small|single|little)\\s+exception\\b|\\bchange\\s+your\\s+mind\\b"
              + "|\\b(?:any|some)\\s+(?:other\\s+)?way\\s+(?:that|to|i|you)\\b|\\bstill\\s+(?:be\\s+)?(?:possible|consider)"
              + "|\\bconsider\\s+(?:it\\s+|my\\s+request\\s+|me\\s+)?(?:once\\s+more|again)\\b|\\bone\\s+more\\s+(?:time|chance)\\b"
              + "|\\b(?:do\\s+not|don"
              + APOS
              + "t)\\s+refuse\\b|\\bi\\s+(?:am\\s+|"
              + APOS
              + "m\\s+)?begg?ing\\b|\\bi\\s+beg\\b"
              + "|\\b(?:give|allow|grant)\\s+me\\s+at\\s+least\\b|\\b(?:my|our)\\s+(?:case|situation)\\s+is\\s+(?:\\p{L}+\\s+){0,2}different\\b"
              + "|\\b(?:can"
              + APOS
              + "t|cannot|could|can)\\s+you\\s+(?:not\\s+)?just\\b"
              + "|\\bskip\\s+(?:the\\s+|all\\s+the\\s+)?(?:paperwork|process|formalities|application)"
              + "|\\b(?:is\\s+it|would\\s+it\\s+be)\\s+not\\s+possible\\b|\\bisn"
              + APOS
              + "t\\s+there\\s+(?:any|some)\\b"
              + "|\\bthere\\s+must\\s+be\\s+(?:some|a)\\s+way\\b|\\beven\\s+(?:if|though)\\s+the\\s+answer\\s+(?:was|is)\\s+no\\b"
              + "|\\bbend\\s+the\\s+rules?\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** "I understand …, but could you …": a concession, then the ask again. */
  private static final Pattern CONCEDE_THEN_ASK =
      Pattern.compile(
          "\\b(?:understand|respect|get|know|realise|realize|appreciate)\\b[^.?!]{0,100}\\bbut\\b([^.?!]{0,160})",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Reproach for the answer: "Thanks for nothing", "I thought physiatrists were supposed to care".
   */
  private static final Pattern REPROACH =
      Pattern.compile(
          "\\bthanks?\\s+(?:you\\s+)?for\\s+nothing\\b|\\bso\\s+much\\s+for\\b|\\bi\\s+(?:thought|expected|assumed)\\s+"
              + "(?:\\p{L}+\\s+){0,3}(?:were|was|are|is|would\\s+be)\\s+(?:supposed\\s+to|meant\\s+to|more)\\b"
              + "|\\bi\\s+expected\\s+(?:better|more)\\b|\\b(?:very|really|quite|so|deeply)\\s+disappointed\\b"
              + "|\\bi\\s*(?:'|’)?(?:ll|\\s+will)\\s+find\\s+someone\\s+(?:else|who\\s+cares)\\b|\\bwaste\\s+of\\s+(?:my\\s+)?time\\b"
              // "Honestly I was hoping for something more", "there is no need to be rude", "your
              // answer
              // does not show that".
              + "|\\bi\\s+(?:was|had\\s+been)\\s+hoping\\s+for\\s+(?:something\\s+|a\\s+bit\\s+|much\\s+|a\\s+lot\\s+)?more"
              + "(?:\\s+than\\s+(?:this|that))?(?=\\s*[.,;!]|\\s+(?:since|because|as|from))"
              + "|\\b(?:no\\s+need|not\\s+necessary|unnecessary)\\s+to\\s+be\\s+(?:so\\s+)?(?:rude|harsh|dismissive|unkind|cold)\\b"
              + "|\\byou\\s+(?:were|are|have\\s+been)\\s+(?:very\\s+|so\\s+|quite\\s+|a\\s+bit\\s+)?(?:rude|dismissive|unfair"
              + "|harsh|unprofessional)\\b"
              + "|\\b(?:your|this|that)\\s+(?:answer|reply|response)\\s+(?:does|did)\\s*(?:not|n['’]t)\\s+(?:show|reflect)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern ASKING =
      Pattern.compile(
          "\\b(?:could|can|would|may|please|kindly|is\\s+it|is\\s+there)\\b",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String id() {
    return "PUSHES_PAST_NO";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "A reply to a clear no asks again: to reconsider, to make an exception, or for the thing that was declined.";
  }

  @Override
  public List<RuleExample> examples() {
    String no =
        "\n\nBest regards,\nSamir\n\nOn Mon, 2 Nov 2026, Rima Haddad <rhaddad@example.edu> wrote:\n> Unfortunately "
            + "our clinic cannot host observers this year. The AAPM&R mentorship programme may help.\n";
    return List.of(
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nThank you for your answer. I understand, but could you reconsider? Even two weeks "
                + "would help me."
                + no),
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nThank you for replying. My situation is a little different from other graduates, as I"
                + " am already in Boston and need no visa letter. Two weeks would be enough for me."
                + no),
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nThanks for writing back. Is it not possible to let me sit in on clinic on Fridays only?"
                + no),
        // A soft no ("I don't think I could write a letter that would help you") is a no all the
        // same.
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nThank you for your honest answer. Maybe after our call you could reconsider the "
                + "letter?\n\nBest regards,\nSamir\n\nOn Mon, 2 Nov 2026, Rima Haddad <rhaddad@example.edu> wrote:\n> Honestly, I "
                + "don't think I could write a letter that would help you. Happy to do a 20-minute call.\n"),
        RuleExample.bad(
            "Ok, thanks for nothing. I thought physiatrists were supposed to be the caring ones."
                + no),
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nOk, thank you. Honestly I was hoping for something more, since I wrote to you twice."
                + no),
        RuleExample.good(
            "Dear Dr. Haddad,\n\nThank you for letting me know, and for the pointer to the AAPM&R programme; I have "
                + "applied. I will keep following your unit's work on early mobilisation."
                + no),
        // Asking for something else, smaller, after the no is fine.
        RuleExample.good(
            "Dear Dr. Haddad,\n\nI understand completely, thank you. Could you suggest one colleague who might be "
                + "open to a short call about research electives?"
                + no),
        // The no was in the writer's own earlier message, not theirs.
        RuleExample.good(
            "From: Samir Aziz <samir@example.org>\nTo: Rima Haddad <rhaddad@example.edu>\nSubject: Re: A short call"
                + "\n\nDear Dr. Haddad,\n\nI wanted to ask once more whether a 15-minute call in January would suit you.\n\nBest"
                + " regards,\nSamir\n\nOn Mon, 2 Nov 2026, Samir Aziz <samir@example.org> wrote:\n> Unfortunately I cannot travel "
                + "before June, so I hoped to ask a few questions by video.\n"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    find(context)
        .ifPresent(
            found ->
                reporter.report(
                    found.span(),
                    found.reproach()
                        ? "Their message below says no, and this answers it with reproach: it closes a door that the answer left open."
                        : "Their message below says no, and this asks again: pressing after a clear answer costs the goodwill the answer left.",
                    "Thank them for the answer, take up whatever they did offer (a pointer, a colleague, a later date), and leave the door "
                        + "open: \"Thank you for letting me know; I will follow the programme you mentioned.\"",
                    DEDUCTION));
  }

  /**
   * Where a reply presses on after a no, and whether it does so by reproach rather than by asking
   * again.
   */
  record Found(Span span, boolean reproach) {}

  private static final Object KEY = new Object();

  /** Returns where the draft presses on after a quoted no, if it does; once per draft. */
  static Optional<Found> find(LintContext context) {
    return context.memo(KEY, PushesPastNo::compute);
  }

  private static Optional<Found> compute(LintContext context) {
    if (Situation.firstContact(context)) {
      return Optional.empty();
    }
    String text = context.draft().text();
    java.util.Set<AskDetector.Kind> declined = null;
    for (Segment q : context.draft().segments(SegmentKind.QUOTE)) {
      String quoted = text.substring(q.start(), Math.min(q.end(), q.start() + 20_000));
      if (DECLINED.matcher(quoted).find() && !writersOwn(context, quoted)) {
        declined = AskDetector.kindsNamed(quoted);
        break;
      }
    }
    if (declined == null) {
      return Optional.empty();
    }
    for (Segment s : context.draft().newText()) {
      Matcher m = PUSH.matcher(text).region(s.start(), s.end());
      if (m.find()) {
        return Optional.of(new Found(Span.body(m.start(), m.end()), false));
      }
      Matcher r = REPROACH.matcher(text).region(s.start(), s.end());
      if (r.find()) {
        return Optional.of(new Found(Span.body(r.start(), r.end()), true));
      }
      Matcher c = CONCEDE_THEN_ASK.matcher(text).region(s.start(), s.end());
      while (c.find()) {
        String after = c.group(1);
        if (ASKING.matcher(after).find()
            && AskDetector.kindsNamed(after).stream().anyMatch(AskDetector.Kind::isBig)) {
          return Optional.of(new Found(Span.body(c.start(), c.end()), false));
        }
      }
    }
    // Asking outright for the big thing the answer declined.
    BigAskFirstContact.Found ask = BigAskFirstContact.findPlain(context);
    if (ask != null && ask.kind() != null && declined.contains(ask.kind())) {
      return Optional.of(new Found(ask.span(), false));
    }
    return Optional.empty();
  }

  /**
   * Whether the quote is the writer's own earlier message: its attribution line names the sender.
   */
  private static boolean writersOwn(LintContext context, String quoted) {
    Optional<Address> from = context.draft().from();
    if (from.isEmpty()) {
      return false;
    }
    int nl = quoted.indexOf('\n');
    String attribution = (nl < 0 ? quoted : quoted.substring(0, nl)).toLowerCase(Locale.ROOT);
    return attribution.contains(from.get().email().toLowerCase(Locale.ROOT));
  }
}
