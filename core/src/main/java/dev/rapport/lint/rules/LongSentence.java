package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import java.util.List;

/** A sentence past about 35 words has to be read twice; on a phone it fills the screen. */
final class LongSentence implements Rule {

  @Override
  public String id() {
    return "LONG_SENTENCE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "A sentence of the body runs past 35 words.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.integer("maxWords", 35, 15, 200, "sentences longer than this are flagged"),
        RuleOption.integer(
            "maxFindings", 3, 1, 50, "at most this many long sentences are reported"));
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Lee,\n\nI am writing to you because I have been very interested in physical medicine and rehabilitation "
                + "for several years now and I have read many of the papers that your group has published on gait training after "
                + "stroke and I would like to ask whether you might have some time to talk.\n\nBest,\nMai"),
        RuleExample.good(
            "Dear Dr. Lee,\n\nI am a final-year student in Hanoi. I read your paper on gait training after stroke. "
                + "Would you have 15 minutes for a video call next month?\n\nBest,\nMai"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int max = context.options().integer("maxWords");
    int left = context.options().integer("maxFindings");
    for (Span s : context.prose().sentences()) {
      if (left == 0) {
        return;
      }
      int n = context.prose().wordsIn(s).size();
      if (n > max) {
        left--;
        reporter.report(
            s,
            "This sentence is "
                + n
                + " words long; past "
                + max
                + " a reader has to go back over it.",
            "Split it in two at the \"and\" or the comma where the idea changes.",
            4);
      }
    }
  }
}
