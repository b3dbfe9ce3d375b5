package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;

/** "Hello", "Question" or "Request" alone tells the reader nothing and looks like spam. */
final class SubjectVague implements Rule {

  @Override
  public String id() {
    return "SUBJECT_VAGUE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "The subject is only generic words such as \"Hello\", \"Question\" or \"Request\".";
  }

  @Override
  public List<RuleExample> examples() {
    String body = "\n\nDear Dr. Ruiz,\n\nA question.\n\nBest,\nOmar";
    return List.of(
        RuleExample.bad("To: ana.ruiz@example.edu\nSubject: Hello" + body),
        RuleExample.bad("To: ana.ruiz@example.edu\nSubject: Request" + body),
        RuleExample.bad("To: ana.ruiz@example.edu\nSubject: Kind request for your help" + body),
        RuleExample.good(
            "To: ana.ruiz@example.edu\nSubject: Question about your gait study in stroke" + body),
        // The subject of a reply was written by someone else.
        RuleExample.good("To: ana.ruiz@example.edu\nSubject: Re: Question" + body));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    String subject = context.draft().subject();
    if (subject.isBlank() || Situation.isReplySubject(subject)) {
      return;
    }
    List<String> words = SubjectWords.content(subject);
    if (SubjectWords.informative(words) == 0) {
      reporter.report(
          Span.subject(0, subject.length()),
          "The subject \"" + subject.strip() + "\" says nothing about who you are or what you ask.",
          "Name yourself and the ask: \"Filipino IMG: 15-minute call about amputee rehab research\".",
          10);
    }
  }
}
