package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Severity;
import dev.rapport.track.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When the contacts file lists a recipient's papers, talks or clinics, a first message that
 * mentions one of them shows the writer did the reading.
 */
final class KnownWorkUnmentioned implements Rule {

  @Override
  public String id() {
    return "KNOWN_WORK_UNMENTIONED";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String description() {
    return "The contacts file lists the recipient's work, and the first message mentions none of it.";
  }

  private static final String TO =
      "To: Dr. Ana Ruiz <ana.ruiz@example.edu>\nSubject: Egyptian IMG: SCI research\n\nDear Dr. Ruiz,\n\n";
  private static final String END = "\n\nBest,\nOmar";
  private static final Contact RUIZ =
      new Contact(
          "ana.ruiz@example.edu",
          "Ana Ruiz",
          "Dr.",
          null,
          null,
          List.of("robotic gait training trial in SCI (2025)"));

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
                TO
                    + "I am an IMG from Egypt interested in SCI. Would you have 15 minutes for a call?"
                    + END)
            .with(RUIZ),
        RuleExample.good(
                TO
                    + "I am an IMG from Egypt. Your trial of robotic gait training after spinal cord injury made me rethink "
                    + "early walking goals. Would you have 15 minutes for a call?"
                    + END)
            .with(RUIZ),
        // Nothing known, nothing to check.
        RuleExample.good(
            TO
                + "I am an IMG from Egypt interested in SCI. Would you have 15 minutes for a call?"
                + END));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.outreach(context)) {
      return;
    }
    Set<String> words = null;
    for (Contact c : context.recipients()) {
      if (c.work().isEmpty()) {
        continue;
      }
      if (words == null) {
        words = Mentions.words(context);
      }
      boolean mentioned = false;
      for (String w : c.work()) {
        mentioned |= Mentions.mentioned(w, words);
      }
      if (!mentioned) {
        List<String> works = new ArrayList<>(c.work().subList(0, Math.min(2, c.work().size())));
        reporter.report(
            Situation.bodyStart(context),
            "You know "
                + (c.name() == null ? c.email() : c.name())
                + "'s work ("
                + String.join("; ", works)
                + "), but the message mentions none of it.",
            "Add one line on the work you know, with the detail that caught your interest.",
            3);
      }
    }
  }
}
