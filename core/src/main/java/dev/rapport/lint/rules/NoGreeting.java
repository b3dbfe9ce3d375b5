package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.List;

/**
 * A message that starts without a greeting reads as abrupt, most of all to someone who does not
 * know you.
 */
final class NoGreeting implements Rule {

  @Override
  public String id() {
    return "NO_GREETING";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public String description() {
    return "The message starts without a greeting.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "I am a graduate of Aga Khan University and would like to ask for your advice.\n\nRegards,\nBilal"),
        RuleExample.good(
            "Dear Dr. Qureshi,\n\nI am a graduate of Aga Khan University.\n\nRegards,\nBilal"),
        RuleExample.good(
            "Dr. Qureshi,\n\nI am a graduate of Aga Khan University.\n\nRegards,\nBilal"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (context.draft().greeting().isPresent() || context.prose().bodyWords().isEmpty()) {
      return;
    }
    boolean first = Situation.firstContact(context);
    reporter.report(
        Situation.bodyStart(context),
        "The message has no greeting.",
        "Open with the reader's title and name, such as \"Dear Dr. Okafor,\".",
        first ? 10 : 4);
  }
}
