package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.ThreadContext;
import java.util.List;

/**
 * A first contact that asks nothing leaves the reader nothing to answer; it is read and archived.
 */
final class NoClearAsk implements Rule {

  @Override
  public String id() {
    return "NO_CLEAR_ASK";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "A first contact or a follow-up makes no request (thank-you notes and updates need none).";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Osei,\n\nI am a medical graduate from Ghana with a strong interest in stroke rehabilitation. "
                + "I have read about your program and I admire it.\n\nI look forward to hearing from you.\n\nSincerely,\nKwame"),
        RuleExample.good(
            "Dear Dr. Osei,\n\nI am a medical graduate from Ghana with a strong interest in stroke rehabilitation. "
                + "Would you have 15 minutes for a video call to share how you chose this field?\n\nSincerely,\nKwame"),
        // A thank-you note asks for nothing, and should not.
        RuleExample.good(
            "Dear Dr. Osei,\n\nThank you for meeting me at the AAP meeting. Your advice on stroke research was very helpful."
                + "\n\nSincerely,\nKwame"),
        RuleExample.good(
                "Dear Dr. Osei,\n\nI wanted to give you a short update: I passed Step 2 CK last week.\n\nSincerely,\nKwame")
            .with(new ThreadContext(false, 0, null, null)));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    boolean followUp =
        context.thread().map(t -> !t.firstContact() && t.unansweredMessages() > 0).orElse(false);
    if (!(Situation.firstContact(context) || followUp) || Situation.thanksOrUpdate(context)) {
      return;
    }
    if (context.prose().bodyWords().isEmpty()) {
      return;
    }
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest()) {
        return;
      }
    }
    for (dev.rapport.lint.SentenceActs s : context.sentences()) {
      // A demand ("You must tell me today whether…") asks, however badly: PRESSURE_LANGUAGE says
      // how.
      if (s.isRequest()
          || s.has(dev.rapport.lint.Act.QUESTION)
          || s.has(dev.rapport.lint.Act.PRESSURE)) {
        return;
      }
    }
    if (Situation.mentions(context, PressureLanguage.PRESSURE)) {
      return;
    }
    reporter.report(
        Situation.bodyStart(context),
        "The message asks for nothing, so the reader has nothing to answer.",
        "End with one specific, small request, such as \"Would you have 15 minutes for a video call next month?\".",
        25);
  }
}
