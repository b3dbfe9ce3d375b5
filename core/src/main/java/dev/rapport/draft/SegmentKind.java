package dev.rapport.draft;

/** What a stretch of a draft's text is. */
public enum SegmentKind {
  /** The salutation line, such as "Dear Dr. Lee,". */
  GREETING(true),
  /** What the writer wrote now, between greeting and closing. */
  BODY(true),
  /** The sign-off phrase, such as "Kind regards,". */
  CLOSING(true),
  /**
   * The signature: after a {@code -- } delimiter, a client's signature block, or the sender's name
   * block under the closing.
   */
  SIGNATURE(false),
  /** A quoted earlier message, including its attribution line ("On ... wrote:"). */
  QUOTE(false),
  /** A forwarded message. */
  FORWARD(false),
  /** Blank space between segments. */
  BLANK(false);

  private final boolean written;

  SegmentKind(boolean written) {
    this.written = written;
  }

  /**
   * Returns whether this kind is text the writer wrote for this message (greeting, body, closing).
   */
  public boolean isNewText() {
    return written;
  }
}
