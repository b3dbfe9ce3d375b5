package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import java.util.List;

/** A subject of 3–8 informative words fits a phone screen and still says what the message is. */
final class SubjectLength implements Rule {

  @Override
  public String id() {
    return "SUBJECT_LENGTH";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String description() {
    return "The subject has fewer than 3 or more than 8 informative words.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.integer("minWords", 3, 1, 10, "fewer informative words than this is too terse"),
        RuleOption.integer(
            "maxWords", 8, 3, 30, "more informative words than this is cut off on a phone"));
  }

  @Override
  public List<RuleExample> examples() {
    String body = "\n\nDear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar";
    return List.of(
        RuleExample.bad("To: ana.ruiz@example.edu\nSubject: Observership" + body),
        RuleExample.bad(
            "To: ana.ruiz@example.edu\nSubject: Final year medical student from Cairo University Egypt interested in "
                + "spinal cord injury rehabilitation research asking for advice"
                + body),
        RuleExample.good(
            "To: ana.ruiz@example.edu\nSubject: Egyptian IMG: advice on SCI research" + body),
        RuleExample.good("To: ana.ruiz@example.edu\nSubject: Re: Observership" + body));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    String subject = context.draft().subject();
    if (subject.isBlank() || Situation.isReplySubject(subject)) {
      return;
    }
    int n = SubjectWords.informative(SubjectWords.content(subject));
    int min = context.options().integer("minWords");
    int max = context.options().integer("maxWords");
    Span all = Span.subject(0, subject.length());
    if (n > 0 && n < min) {
      reporter.report(
          all,
          "The subject has "
              + n
              + " informative word"
              + (n == 1 ? "" : "s")
              + "; "
              + min
              + "–"
              + max
              + " say more at a glance.",
          "Add who you are or what you ask: \"Brazilian IMG: question about your spasticity clinic\".",
          3);
    } else if (n > max) {
      reporter.report(
          all,
          "The subject has " + n + " informative words; past " + max + " it is cut off on a phone.",
          "Keep the words that name you and the ask; move the rest into the first line.",
          3);
    }
  }
}
