package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.List;

/**
 * "Interested in PM&R" describes every applicant; "interested in spasticity after stroke" describes
 * one.
 */
final class NoInterestArea implements Rule {

  @Override
  public String id() {
    return "NO_INTEREST_AREA";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "A first contact names no interest area within PM&R (stroke, SCI, MSK, pain, amputee, TBI, EMG…).";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Haddad,\n\nI am an IMG from Jordan interested in physical medicine and rehabilitation. Would you "
                + "have 15 minutes for a call?\n\nBest,\nLina"),
        RuleExample.good(
            "Dear Dr. Haddad,\n\nI am an IMG from Jordan interested in spinal cord injury rehabilitation. Would you "
                + "have 15 minutes for a call?\n\nBest,\nLina"),
        RuleExample.good(
            "Dear Dr. Haddad,\n\nI am an IMG from Jordan, drawn to EMG and neuromuscular medicine. Would you have 15 "
                + "minutes for a call?\n\nBest,\nLina"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.outreach(context) || context.prose().bodyWords().isEmpty()) {
      return;
    }
    if (Lexicon.INTEREST_AREA.in(context.draft().subject())
        || Situation.mentions(context, Lexicon.INTEREST_AREA)) {
      return;
    }
    reporter.report(
        Situation.bodyStart(context),
        "The message names no area of PM&R you are interested in.",
        "Name one or two, such as stroke rehabilitation, spinal cord injury, MSK and sports, pain, amputee care or EMG.",
        10);
  }
}
