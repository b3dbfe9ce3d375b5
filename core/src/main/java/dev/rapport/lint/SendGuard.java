package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Checks a message before a Jakarta Mail application sends it, and refuses a failing one with a
 * {@link DraftRejectedException}.
 *
 * <pre>{@code
 * SendGuard guard = SendGuard.of(Linter.standard()).failUnder(60);
 * guard.send(message);   // lints, then Transport.send(message), or throws DraftRejectedException
 * }</pre>
 *
 * <p>Immutable and thread-safe, like the {@link Linter} it wraps.
 */
public final class SendGuard {

  private final Linter linter;
  private final int failUnder;

  private SendGuard(Linter linter, int failUnder) {
    this.linter = linter;
    this.failUnder = failUnder;
  }

  /** Returns a guard that refuses messages with an error finding. */
  public static SendGuard of(Linter linter) {
    return new SendGuard(Objects.requireNonNull(linter, "linter"), 0);
  }

  /**
   * Returns a copy that also refuses messages whose overall score is under {@code score} (0–100).
   */
  public SendGuard failUnder(int score) {
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("failUnder must be 0..100, not " + score);
    }
    return new SendGuard(linter, score);
  }

  /**
   * Lints a message without sending it.
   *
   * @throws DraftRejectedException if it fails
   * @throws MessagingException if the message cannot be read
   */
  public Scorecard check(Message message) throws MessagingException {
    Scorecard card = linter.lint(toDraft(message));
    if (!card.passes(failUnder)) {
      throw new DraftRejectedException(card, failUnder);
    }
    return card;
  }

  /**
   * Lints a message and, if it passes, sends it with {@link Transport#send(Message)}.
   *
   * @return the scorecard of the sent message
   * @throws DraftRejectedException if it fails; nothing was sent
   */
  public Scorecard send(Message message) throws MessagingException {
    Scorecard card = check(message);
    Transport.send(message);
    return card;
  }

  /** Reads a Jakarta Mail message as a draft. */
  static Draft toDraft(Message message) throws MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      message.saveChanges();
      message.writeTo(out);
      return Drafts.parse(out.toByteArray(), "message", DraftFormat.EML);
    } catch (DraftException e) {
      throw new MessagingException("cannot read the message: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MessagingException("cannot read the message: " + e.getMessage(), e);
    }
  }
}
