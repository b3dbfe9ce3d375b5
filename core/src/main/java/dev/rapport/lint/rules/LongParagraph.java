package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import java.util.List;

/** A block of text is skipped; two or three short paragraphs are read. */
final class LongParagraph implements Rule {

  @Override
  public String id() {
    return "LONG_PARAGRAPH";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "A paragraph of the body runs past 80 words.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.integer("maxWords", 80, 30, 1000, "paragraphs longer than this are flagged"),
        RuleOption.integer(
            "maxFindings", 3, 1, 50, "at most this many long paragraphs are reported"));
  }

  @Override
  public List<RuleExample> examples() {
    String sentence =
        "I have worked on the stroke ward of our hospital for two years and enjoyed it. ";
    return List.of(
        RuleExample.bad("Dear Dr. Lee,\n\n" + sentence.repeat(6) + "\n\nBest,\nMai"),
        RuleExample.good(
            "Dear Dr. Lee,\n\n"
                + sentence.repeat(3)
                + "\n\n"
                + sentence.repeat(3)
                + "\n\nBest,\nMai"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int max = context.options().integer("maxWords");
    int left = context.options().integer("maxFindings");
    for (Span p : context.prose().paragraphs()) {
      if (left == 0) {
        return;
      }
      int n = context.prose().wordsIn(p).size();
      if (n > max) {
        left--;
        int firstLineEnd = context.draft().text().indexOf('\n', p.start());
        Span at =
            Span.body(
                p.start(), firstLineEnd < 0 || firstLineEnd > p.end() ? p.end() : firstLineEnd);
        reporter.report(
            at,
            "This paragraph is " + n + " words long; a block of text gets skimmed.",
            "Break it where the subject changes: who you are, why them, the ask.",
            4);
      }
    }
  }
}
