package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Severity;
import dev.rapport.track.Contact;
import java.time.LocalDate;
import java.util.List;

/**
 * When the contacts file says where you met someone, the first message after should say so in its
 * first lines: it is the reason they will open the next one.
 */
final class MeetingUnmentioned implements Rule {

  static final Phrase MET =
      Phrase.of(
          "\\b(?:met|meet|meeting|spoke|speaking|talked|talking|chatted|conversation|introduced)\\b");

  @Override
  public String id() {
    return "MEETING_UNMENTIONED";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String description() {
    return "The contacts file says where you met the recipient, and the message does not mention it.";
  }

  private static final Contact MET_AT_AAP =
      new Contact(
          "k.obi@example.edu",
          "Kelechi Obi",
          "Dr.",
          "AAP Annual Meeting",
          LocalDate.of(2026, 2, 20),
          List.of());

  @Override
  public List<RuleExample> examples() {
    String to =
        "To: Dr. Kelechi Obi <k.obi@example.edu>\nSubject: Advice on EMG training\n\nDear Dr. Obi,\n\n";
    return List.of(
        RuleExample.bad(
                to + "I am an IMG from Nigeria. Could you advise me on EMG training?\n\nBest,\nAda")
            .with(MET_AT_AAP),
        RuleExample.good(
                to
                    + "It was a pleasure to meet you at the AAP poster session. Could you advise me on EMG training?\n\nBest,\nAda")
            .with(MET_AT_AAP),
        RuleExample.good(
            to + "I am an IMG from Nigeria. Could you advise me on EMG training?\n\nBest,\nAda"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (context.draft().isReplyOrForward()) {
      return;
    }
    for (Contact c : context.recipients()) {
      if (c.metAt() == null) {
        continue;
      }
      if (Mentions.mentioned(c.metAt(), Mentions.words(context))
          || Situation.mentions(context, MET)) {
        continue;
      }
      reporter.report(
          Situation.bodyStart(context),
          "You met "
              + (c.name() == null ? c.email() : c.name())
              + " at "
              + c.metAt()
              + ", but the message does not say so.",
          "Open with where you met and one thing you talked about.",
          3);
    }
  }
}
