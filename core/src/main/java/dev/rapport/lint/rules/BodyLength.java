package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Prose;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.RuleOptions;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * The new text (quote and signature excluded) should be short: busy faculty scan, they do not read.
 */
final class BodyLength implements Rule {

  /** Points off for a first contact that is short of the minimum but says something. */
  static final int THIN = 12;

  @Override
  public String id() {
    return "BODY_LENGTH";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "The new text runs to about 50–125 words (a first contact at least 40); past 200 it is long, past 300 far too long.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.integer("minWords", 40, 0, 1000, "fewer words than this is too thin to act on"),
        RuleOption.integer("idealMax", 125, 10, 2000, "the upper end of the ideal length"),
        RuleOption.integer("longWords", 200, 10, 5000, "past this the draft is long"),
        RuleOption.integer("veryLongWords", 300, 10, 10000, "past this the draft is far too long"));
  }

  @Override
  public List<RuleExample> examples() {
    String longBody = "I am writing to ask for advice about research. ".repeat(30);
    return List.of(
        RuleExample.bad("Dear Dr. Lee,\n\n" + longBody + "\n\nSincerely,\nRavi"),
        RuleExample.bad(
            "Dear Dr. Lee,\n\nI am a final-year medical student from Chennai, India, and I hope to talk with you one day about research in stroke rehabilitation and gait training.\n\nSincerely,\nRavi"),
        // A short thank-you after a conversation is fine.
        RuleExample.good(
            "Dear Dr. Lee,\n\nThank you for speaking with me today; your advice on EMG courses helps a lot."
                + "\n\nSincerely,\nRavi"),
        RuleExample.good(
            "Dear Dr. Lee,\n\nI am a final-year medical student in Chennai, India, hoping to train in PM&R. "
                + "Your 2025 paper on early mobilisation after spinal cord injury changed how I think about "
                + "inpatient rehabilitation. Would you have 15 minutes for a video call in the next few weeks "
                + "to share how you chose research questions early in your career? I am a non-US citizen and "
                + "would need a J-1 visa for residency.\n\nSincerely,\nRavi Kumar"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    RuleOptions o = context.options();
    List<Prose.Word> words = context.prose().words();
    int n = words.size();
    if (n == 0) {
      return; // nothing written: other rules say so
    }
    Span all = Span.body(words.get(0).start(), words.get(n - 1).end());
    if (n > o.integer("veryLongWords")) {
      reporter.report(
          all,
          "The new text is "
              + n
              + " words long; readers skim past about "
              + o.integer("longWords")
              + ".",
          "Cut to "
              + o.integer("idealMax")
              + " words or fewer: one line on who you are, one on why them, one ask.",
          Math.min(40, 20 + (n - o.integer("veryLongWords")) / 20));
    } else if (n > o.integer("longWords")) {
      reporter.report(
          all,
          "The new text is " + n + " words long; aim for " + o.integer("idealMax") + " or fewer.",
          "Keep one sentence on who you are, one on why you write to them, and the ask.",
          10 + (n - o.integer("longWords")) / 10);
    } else if (n > o.integer("idealMax")) {
      reporter.report(
          all,
          "The new text is " + n + " words; a little over the ideal " + o.integer("idealMax") + ".",
          "See whether a sentence can go.",
          Math.max(1, (n - o.integer("idealMax")) / 15));
    } else if (n < o.integer("minWords")
        && Situation.firstContact(context)
        && !Situation.programOffice(context)
        && !TerseFirstContact.terse(context)) {
      // Only a stranger needs the context; a thank-you note or a reply is rightly short. A line or
      // two is TERSE_FIRST_CONTACT's.
      reporter.report(
          all,
          "The new text is only "
              + n
              + " words: too little for a stranger to know who you are and what you ask.",
          "Add who you are, why you write to this person, and one specific ask.",
          THIN);
    }
  }
}
