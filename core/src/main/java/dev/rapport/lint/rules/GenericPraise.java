package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.List;

/** "Your esteemed work" praises anyone; it reads as a form letter unless a specific follows. */
final class GenericPraise implements Rule {

  /** Points off the overall score for the first generic compliment, and for a second. */
  static final int DEDUCTION = 8;

  static final int AGAIN = 4;

  static final Phrase PRAISE =
      Phrase.of(
          String.join(
              "|",
              "\\byour\\s+(?:esteemed|renowned|great|excellent|outstanding|remarkable|impressive|wonderful|amazing|inspiring"
                  + "|valuable|tremendous|extraordinary|commendable|exceptional|incredible|brilliant|pioneering|illustrious"
                  + "|distinguished|exemplary|admirable|significant|immense|vast|rich|prestigious|reputed|famous)\\s+"
                  + "(?:\\p{L}{1,15}\\s+)?(?:work|research|contributions?|career|achievements?|accomplishments?|reputation"
                  + "|institution|department|program(?:me)?|experience|expertise|knowledge|publications?|efforts?)\\b",
              "\\bi(?:\\s+am|['’]m|\\s+have\\s+(?:always\\s+)?been)\\s+(?:a\\s+)?(?:great\\s+|big\\s+|huge\\s+|long-?time\\s+|ardent\\s+"
                  + "|sincere\\s+)?(?:admirer|fan|follower)\\s+of\\s+your\\s+(?:work|research|career)\\b",
              "\\bi\\s+(?:have\\s+)?(?:always\\s+)?(?:admired?|followed)\\s+your\\s+(?:work|research|career|contributions?)\\b",
              "\\byour\\s+(?:work|research|contributions?)\\s+(?:is|are|has\\s+been|have\\s+been)\\s+(?:\\p{L}{1,12}ly\\s+)?"
                  + "(?:inspiring|impressive|remarkable|outstanding|amazing|exceptional|excellent|commendable|admirable"
                  + "|an?\\s+(?:great\\s+)?(?:inspiration|source\\s+of\\s+inspiration))\\b"));

  @Override
  public String id() {
    return "GENERIC_PRAISE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.PERSONALIZATION;
  }

  @Override
  public String description() {
    return "Praise without specifics, such as \"your esteemed work\" or \"I am a great admirer of your research\".";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Ahmed,\n\nI am writing because of your esteemed work in the field.\n\nBest,\nSara"),
        RuleExample.bad(
            "Dear Dr. Ahmed,\n\nI have always admired your work. It is very inspiring.\n\nBest,\nSara"),
        RuleExample.good(
            "Dear Dr. Ahmed,\n\nYour excellent work on dysphagia screening after stroke changed how our ward feeds "
                + "patients.\n\nBest,\nSara"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    // Praise the model reads in a draft that also refers to the recipient's work is not generic.
    List<SentenceActs> read =
        Acts.any(context, Act.SPECIFIC_REFERENCE)
            ? List.of()
            : Acts.doing(context, Act.GENERIC_PRAISE);
    List<Span> praise =
        Acts.withPhrase(
            context,
            read,
            Situation::scanBody,
            PRAISE,
            (m, s) ->
                !RecipientWork.specificAfter(context, m.end())
                    && (s == null || !s.has(Act.SPECIFIC_REFERENCE)));
    for (int i = 0; i < Math.min(2, praise.size()); i++) {
      Span span = praise.get(i);
      reporter.report(
          span,
          "\""
              + Acts.quote(context, span, 80)
              + "\" is praise anyone could receive; without a specific it reads as a form "
              + "letter.",
          "Replace it with one concrete thing you read or heard, and what it changed for you.",
          i == 0 ? DEDUCTION : AGAIN);
    }
  }
}
