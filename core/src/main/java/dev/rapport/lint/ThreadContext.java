package dev.rapport.lint;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the mailbox says about the thread a draft belongs to, so rules can judge timing: a first
 * contact, or a follow-up sent too soon, or one too many.
 *
 * @param firstContact whether the user has never written to (or heard from) the recipient
 * @param unansweredMessages how many of the user's messages to the recipient are unanswered since
 *     their last reply (or ever, if they never replied)
 * @param lastSent when the user last wrote to the recipient, or {@code null}
 * @param lastReceived when the recipient last wrote, or {@code null}
 */
public record ThreadContext(
    boolean firstContact,
    int unansweredMessages,
    @Nullable Instant lastSent,
    @Nullable Instant lastReceived) {

  /** A thread with no history: the draft is a first contact. */
  public static final ThreadContext FIRST_CONTACT = new ThreadContext(true, 0, null, null);

  /** Validates the components. */
  public ThreadContext {
    if (unansweredMessages < 0) {
      throw new IllegalArgumentException("unansweredMessages < 0");
    }
  }
}
