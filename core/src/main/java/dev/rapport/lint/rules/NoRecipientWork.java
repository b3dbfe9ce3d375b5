package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * A first message that mentions the recipient's own paper, talk or clinic, with a detail only a
 * reader would know, shows why you wrote to them and not to fifty others.
 */
final class NoRecipientWork implements Rule {

  @Override
  public String id() {
    return "NO_RECIPIENT_WORK";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public String description() {
    return "A first contact does not refer to the recipient's own work (paper, talk, clinic, program) with a specific detail.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Tanaka,\n\nI am an IMG from the Philippines interested in amputee rehabilitation. Would you have "
                + "15 minutes for a call?\n\nBest,\nJoy"),
        RuleExample.bad(
            "Dear Dr. Tanaka,\n\nI read your paper and found it very interesting. Would you have 15 minutes for a call?"
                + "\n\nBest,\nJoy"),
        RuleExample.good(
            "Dear Dr. Tanaka,\n\nI read your paper on socket comfort scores after transtibial amputation. Would you have "
                + "15 minutes for a call?\n\nBest,\nJoy"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.outreach(context)
        || Situation.programOffice(context)
        || context.prose().bodyWords().isEmpty()) {
      return;
    }
    // A sentence the act model reads as a specific reference to their work settles it, in any
    // phrasing.
    for (dev.rapport.lint.SentenceActs s :
        Acts.doing(context, dev.rapport.lint.Act.SPECIFIC_REFERENCE)) {
      if (RecipientWork.specific(context.text(s.span()), 6)) {
        return; // and it carries a detail: a topic, a year, a title or enough words that say
        // something
      }
    }
    List<Span> refs = Situation.matches(context, RecipientWork.REFERENCE);
    if (refs.isEmpty()) {
      reporter.report(
          Situation.bodyStart(context),
          "The message does not mention anything the recipient has done: it could have gone to anyone.",
          "Add one line on their paper, talk or clinic, with a detail: \"your 2025 paper on robotic gait training after SCI\".",
          20);
      return;
    }
    for (Span r : refs.subList(0, Math.min(refs.size(), 20))) {
      if (RecipientWork.specificAfter(context, r.start(), r.end())) {
        return;
      }
    }
    reporter.report(
        refs.get(0),
        "The message mentions the recipient's work but gives no detail of it.",
        "Name the topic or a finding: \"your talk on ultrasound-guided botulinum injections for spasticity\".",
        8);
  }
}
