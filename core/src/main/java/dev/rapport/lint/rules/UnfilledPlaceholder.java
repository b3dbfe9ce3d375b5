package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * A template placeholder left in a draft ("Dear Dr. [Last Name]") tells the reader it is a mass
 * mailing.
 */
final class UnfilledPlaceholder implements Rule {

  // [Last Name], {{name}}, {name}, <NAME>, XXX, ___: bounded repetitions, no nested quantifiers.
  private static final Phrase PLACEHOLDER =
      Phrase.exact(
          "\\[(?:[A-Za-z][A-Za-z .'/&-]{0,40})\\]"
              + "|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_ .-]{0,40}\\}\\}"
              + "|\\{[A-Za-z_][A-Za-z0-9_]{0,40}\\}"
              + "|<[A-Z][A-Z_ ]{1,30}>"
              + "|\\bX{3,}\\b"
              + "|\\b(?:INSERT|TODO|TBD|FIXME)\\b"
              + "|_{4,}");

  @Override
  public String id() {
    return "UNFILLED_PLACEHOLDER";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "Template placeholders such as [Last Name], {{name}}, <NAME> or XXX are still in the draft.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. [Last Name],\n\nI read your paper on [specific topic].\n\nSincerely,\nAna"),
        RuleExample.bad("Hi {{first_name}},\n\nThank you for the talk.\n\nBest,\nAna"),
        RuleExample.bad(
            "Subject: Question about XXX\n\nDear Dr. Lee,\n\nA question.\n\nBest,\nAna"),
        RuleExample.good(
            "Dear Dr. Lee,\n\nI read your paper [1] on spasticity after stroke.\n\nSincerely,\nAna"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    String subject = context.draft().subject();
    PLACEHOLDER.each(
        subject,
        0,
        subject.length(),
        s ->
            reporter.report(
                Span.subject(s.start(), s.end()),
                "The subject still holds the placeholder " + s.group() + ".",
                "Replace it with the real words before sending.",
                30));
    String text = context.draft().text();
    for (var seg : context.draft().segments()) {
      if (seg.kind() == dev.rapport.draft.SegmentKind.QUOTE
          || seg.kind() == dev.rapport.draft.SegmentKind.FORWARD) {
        continue; // someone else's text
      }
      PLACEHOLDER.each(
          text,
          seg.start(),
          seg.end(),
          m -> {
            if (m.group().matches("\\[\\d+\\]")) {
              return;
            }
            reporter.report(
                Span.body(m.start(), m.end()),
                "The placeholder " + m.group() + " was never filled in.",
                "Replace it with the real words before sending.",
                45);
          });
    }
  }
}
