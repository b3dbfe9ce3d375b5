package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.List;

/**
 * "Dear Sir/Madam" and "Respected Sir" are polite, but they tell the reader the message was not
 * written for them.
 */
final class GenericGreeting implements Rule {

  @Override
  public String id() {
    return "GENERIC_GREETING";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public String description() {
    return "The greeting names nobody: \"Dear Sir/Madam\", \"To whom it may concern\", \"Dear Doctor\", \"Respected Sir\".";
  }

  @Override
  public List<RuleExample> examples() {
    String body = "\n\nI am a graduate of Aga Khan University.\n\nRegards,\nBilal";
    return List.of(
        RuleExample.bad("Dear Sir/Madam," + body),
        RuleExample.bad("To whom it may concern," + body),
        RuleExample.bad("Respected Sir," + body),
        RuleExample.bad("Dear Doctor," + body),
        RuleExample.good("Dear Dr. Qureshi," + body),
        RuleExample.good("Respected Dr. Qureshi," + body));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    var greeting = Greeting.of(context);
    if (greeting.isPresent() && greeting.get().generic()) {
      String text = context.text(greeting.get().span()).strip();
      reporter.report(
          greeting.get().span(),
          "\"" + text + "\" does not name the reader, so the message reads as sent to many.",
          "Greet them by title and surname, such as \"Dear Dr. Okafor,\".",
          20);
    }
  }
}
