package dev.rapport.lint.rules;

import dev.rapport.draft.Attachment;
import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CV nobody asked for asks the reader to evaluate you before they have agreed to anything: in a
 * first message to a stranger, and as much in the thank-you after one conversation, a nudge or a
 * reply to their first answer (raters of the judgement corpus marked it down in each). Send it when
 * they ask ("Could you send me a CV?" in the quoted message, or "as you asked" in the writer's
 * words).
 */
final class UnrequestedCv implements Rule {

  private static final String CV = "(?:cv|c\\.v\\.|resume|résumé|curriculum\\s+vitae)";
  private static final Pattern CV_NAME =
      Pattern.compile(
          "(?:^|[^a-z])(?:cv|resume|résumé|curriculum|vitae|lebenslauf)(?:[^a-z]|$)",
          Pattern.CASE_INSENSITIVE);
  static final Phrase ATTACHED_TEXT =
      Phrase.of(
          "\\b(?:attach(?:ed|ing)?|enclos(?:ed|ing)|find\\s+(?:attached|enclosed))\\s+(?:\\p{L}{1,12}\\s+){0,3}?"
              + CV
              + "\\b"
              + "|\\b"
              + CV
              + "\\s+(?:is|has\\s+been)\\s+(?:attached|enclosed)\\b"
              + "|\\b(?:attached|enclosed)\\s+(?:is|are|please\\s+find)\\s+(?:my\\s+|a\\s+copy\\s+of\\s+my\\s+)?"
              + CV
              + "\\b");

  /** The reader asked for it: in the quoted message, or as the writer reports. */
  static final Phrase REQUESTED =
      Phrase.of(
          "\\b(?:send|share|attach|forward|email)\\s+(?:me\\s+|us\\s+)?(?:your|a\\s+copy\\s+of\\s+your|an?|the)\\s+(?:updated\\s+|current\\s+|short\\s+|brief\\s+)?"
              + CV
              + "\\b|\\b(?:as\\s+(?:you\\s+)?(?:requested|asked|suggested)|per\\s+your\\s+request|you\\s+asked\\s+(?:me\\s+)?"
              + "(?:for|to\\s+send))\\b");

  @Override
  public String id() {
    return "UNREQUESTED_CV";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "A message attaches a CV (or says it does) that nobody asked for.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Mensah,\n\nI am an IMG from Ghana. Please find attached my CV for your review. Would you have 15 "
                + "minutes for a call?\n\nBest,\nAma"),
        RuleExample.bad(
            "To: k.mensah@example.edu\nSubject: IMG from Ghana: advice on EMG\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nDear Dr. Mensah,\n\n"
                + "Would you have 15 minutes for a call?\n\nBest,\nAma\n--B\nContent-Type: application/pdf; name=\"Ama_Owusu_CV.pdf\"\n"
                + "Content-Disposition: attachment; filename=\"Ama_Owusu_CV.pdf\"\n\nJVBERi0=\n--B--\n"),
        RuleExample.good(
            "Dear Dr. Mensah,\n\nThank you for your reply. As you requested, I have attached my CV.\n\nBest,\nAma\n\n"
                + "On Mon, Kofi Mensah wrote:\n> Could you send me your CV?\n"),
        RuleExample.good(
            "Dear Dr. Mensah,\n\nThank you for your reply. Please find attached my CV, and I can do Monday at 9.\n\n"
                + "Best,\nAma\n\nOn Mon, Kofi Mensah wrote:\n> Could you send me a CV and a few times that suit you?\n"),
        // After one conversation it is as unasked for as in a first message.
        RuleExample.bad(
            "Dear Dr. Mensah,\n\nThank you for meeting me at the Assembly on Saturday. Please find attached my updated "
                + "CV for your reference.\n\nBest,\nAma"),
        RuleExample.good(
            "Dear Dr. Mensah,\n\nI am an IMG from Ghana. I would be happy to send my CV if it helps. Would you have 15 "
                + "minutes for a call?\n\nBest,\nAma"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (requested(context)) {
      return;
    }
    for (Attachment a : context.draft().attachments()) {
      if (CV_NAME.matcher(a.name()).find()) {
        reporter.report(
            Situation.bodyStart(context),
            "A CV (" + a.name() + ") is attached, and nobody asked for it.",
            "Leave it out and offer it instead: \"I would be glad to send my CV if it helps.\"",
            5);
        return;
      }
    }
    List<Span> said = Situation.matches(context, ATTACHED_TEXT);
    if (!said.isEmpty()) {
      reporter.report(
          said.get(0),
          "The message attaches a CV nobody asked for yet.",
          "Leave it out and offer it instead: \"I would be glad to send my CV if it helps.\"",
          5);
    }
  }

  private static boolean requested(LintContext context) {
    Phrase.Index index = Situation.index(context);
    for (Segment s : context.draft().segments()) {
      boolean mine = s.kind().isNewText();
      if (mine || s.kind() == SegmentKind.QUOTE) {
        if (REQUESTED.in(index, s.start(), s.end())) {
          return true;
        }
      }
    }
    return false;
  }
}
