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

  /** A greeting by the role a program's office answers as. */
  private static final java.util.regex.Pattern ROLE =
      java.util.regex.Pattern.compile(
          "\\b(?:coordinators?|committee|program(?:me)?\\s+(?:director|office|team|staff)|residency\\s+(?:office|team|program"
              + "|programme)|admissions|selection\\s+committee|gme\\s+office)\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

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
        RuleExample.good("Respected Dr. Qureshi," + body),
        // A program's office, greeted by the role it answers as.
        RuleExample.good(
            "To: Program Coordinator <pmr.residency@example.edu>\nSubject: J-1 sponsorship for PGY-1\n\n"
                + "Dear Program Coordinator,\n\nDoes the program sponsor J-1 visas for PGY-1 residents?\n\nRegards,\nBilal"),
        RuleExample.bad(
            "To: Farah Qureshi <fqureshi@example.edu>\nSubject: Amputee rehabilitation\n\nDear Sir/Madam,"
                + body));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    var greeting = Greeting.of(context);
    if (greeting.isPresent() && greeting.get().generic()) {
      String text = context.text(greeting.get().span()).strip();
      // "Dear Program Coordinator" to a program's office names the reader by the role they answer
      // as; raters gave such questions 5.
      if (ROLE.matcher(text).find() && Situation.programOffice(context)) {
        return;
      }
      reporter.report(
          greeting.get().span(),
          "\"" + text + "\" does not name the reader, so the message reads as sent to many.",
          "Greet them by title and surname, such as \"Dear Dr. Okafor,\".",
          20);
    }
  }
}
