package dev.rapport.lint.rules;

import dev.rapport.draft.DraftFormat;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;

/** A message without a subject is filtered, skipped or opened last. */
final class SubjectMissing implements Rule {

  @Override
  public String id() {
    return "SUBJECT_MISSING";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "A message with addressees has an empty subject line.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "To: Dr. Ana Ruiz <ana.ruiz@example.edu>\nSubject: \n\nDear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar"),
        RuleExample.bad(
            "To: ana.ruiz@example.edu\nFrom: omar@example.org\n\nDear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar"),
        RuleExample.good(
            "To: Dr. Ana Ruiz <ana.ruiz@example.edu>\nSubject: IMG from Egypt: 15 minutes of advice on SCI research\n\n"
                + "Dear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar"),
        // A bare text file has no header to put a subject in: nothing to judge.
        RuleExample.good("Dear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    var d = context.draft();
    boolean isMessage = d.format() == DraftFormat.EML || !d.to().isEmpty();
    if (isMessage && d.subject().isBlank()) {
      reporter.report(
          Span.subject(0, 0),
          "The subject line is empty; busy readers sort and skip by subject.",
          "Write 3–8 words that say who you are and what you ask, such as \"Nigerian IMG: 15 minutes of advice on SCI rehab\".",
          15);
    }
  }
}
