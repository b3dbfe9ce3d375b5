package dev.rapport.examples;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.VisaNeed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Scores a draft with the library: build a {@link Linter} once, lint each draft, read the scores
 * and the findings. Run with a file name, or with none to score a draft built in code.
 */
public final class ScoreADraft {
  private ScoreADraft() {}

  public static void main(String[] args) throws IOException {
    score(args.length > 0 ? Drafts.parse(Path.of(args[0])) : sample(), System.out);
  }

  /** A draft made from a compose window's fields, as an email client would pass them. */
  static Draft sample() {
    return Drafts.builder()
        .to("Dr. Rafael Gómez <rgomez@example.edu>")
        .subject("Colombian IMG: 15-minute call about stroke rehabilitation research")
        .plainText(
            "Dear Dr. Gómez,\n\n"
                + "I am a physician from Medellín, Colombia, preparing to apply to PM&R residency. Your 2024 trial of "
                + "mirror therapy for upper-limb recovery after stroke is why I want to do research in stroke rehab.\n\n"
                + "Would you have 15 minutes for a video call in the next month? I would like your advice on finding "
                + "research experience. I am not a US citizen and would need a J-1 visa.\n\n"
                + "Thank you for your time.\n\nSincerely,\nValentina Ríos\n")
        .build();
  }

  /** Lints and prints; returns the scorecard for callers that want it. */
  static Scorecard score(Draft draft, PrintStream out) {
    // Build once and reuse: a Linter is immutable and thread-safe.
    Linter linter =
        Linter.builder()
            .profile(
                new SenderProfile(
                    "Valentina Ríos",
                    "Universidad de Antioquia",
                    "Colombia",
                    "Colombian",
                    VisaNeed.J1))
            .build();
    Scorecard card = linter.lint(draft);
    out.printf("overall %d/100%n", card.overall());
    for (Dimension d : Dimension.values()) {
      if (d.isScored()) {
        out.printf("  %-17s %3d%n", d.key(), card.score(d));
      }
    }
    for (Finding f : card.findings()) {
      out.printf(
          "%d:%d %s %s (%s)%n  -> %s%n",
          f.position().line(),
          f.position().column(),
          f.severity().id(),
          f.message(),
          f.rule(),
          f.suggestion());
    }
    out.println(card.passes(0) ? "ready to send" : "fix the errors before sending");
    return card;
  }
}
