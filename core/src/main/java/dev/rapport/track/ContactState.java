package dev.rapport.track;

/**
 * Where a relationship stands at a given moment, from the user's point of view. Declared in the
 * order of what needs doing first, which is how status lists are sorted.
 */
public enum ContactState {
  /** Their message is the latest: the user's move. */
  REPLIED,
  /** Met in person (per the contacts file) and not written to since: a thank-you is due. */
  THANK_YOU_DUE,
  /** The user's message is unanswered for the follow-up period, with follow-ups left to send. */
  FOLLOW_UP_DUE,
  /** The user's latest message came back as a delivery failure. */
  BOUNCED,
  /** They replied before and all has been quiet for the update period: a mentor update is due. */
  UPDATE_DUE,
  /** The follow-ups are spent and the wait after the last one is over: time to move on. */
  MOVE_ON,
  /** The user's message expects an answer and it is too soon to follow up. */
  AWAITING_REPLY,
  /** They replied before and the user's latest message asks nothing: nothing to do yet. */
  IN_TOUCH;

  /**
   * The name people read, in lower case: {@code "thank-you due"}, {@code "follow-up due"}, {@code
   * "awaiting reply"}. Every text output (status table, watch lines, the status page's badges, the
   * digest) uses this one spelling; JSON uses {@link #name()}.
   */
  public String label() {
    return switch (this) {
      case REPLIED -> "replied";
      case THANK_YOU_DUE -> "thank-you due";
      case FOLLOW_UP_DUE -> "follow-up due";
      case BOUNCED -> "bounced";
      case UPDATE_DUE -> "update due";
      case MOVE_ON -> "move on";
      case AWAITING_REPLY -> "awaiting reply";
      case IN_TOUCH -> "in touch";
    };
  }

  /** Whether this state asks the user to do something now. */
  public boolean needsAction() {
    return this == REPLIED
        || this == THANK_YOU_DUE
        || this == FOLLOW_UP_DUE
        || this == BOUNCED
        || this == UPDATE_DUE;
  }
}
