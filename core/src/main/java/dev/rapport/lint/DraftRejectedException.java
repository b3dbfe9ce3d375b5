package dev.rapport.lint;

import jakarta.mail.MessagingException;
import java.util.Objects;

/**
 * Thrown by {@link SendGuard} when a message fails the lint: it has an error finding or scores
 * under the threshold. The message was not sent; {@link #scorecard()} says why.
 */
public class DraftRejectedException extends MessagingException {
  private static final long serialVersionUID = 1L;

  private final transient Scorecard scorecard;

  /** Creates the exception for a failing scorecard. */
  public DraftRejectedException(Scorecard scorecard, int failUnder) {
    super(describe(scorecard, failUnder));
    this.scorecard = Objects.requireNonNull(scorecard, "scorecard");
  }

  /** Returns the scorecard of the refused message. */
  public Scorecard scorecard() {
    return scorecard;
  }

  private static String describe(Scorecard card, int failUnder) {
    Finding first =
        card.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .findFirst()
            .orElse(null);
    if (first != null) {
      long errors = card.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
      return "draft not sent: "
          + first.message()
          + " ["
          + first.rule()
          + "]"
          + (errors > 1 ? " and " + (errors - 1) + " more error" + (errors > 2 ? "s" : "") : "");
    }
    return "draft not sent: it scores " + card.overall() + "/100, under " + failUnder;
  }
}
