package dev.rapport.track;

/** What kind of message a {@link MessageSummary} is, as far as tracking is concerned. */
public enum MessageKind {
  /** Written by a person: counts as outreach or as a reply. */
  PERSONAL,
  /**
   * An automatic answer (out of office, vacation, RFC 3834 {@code Auto-Submitted}): not a reply.
   */
  AUTO_REPLY,
  /** A delivery failure report: marks the outreach it reports on as bounced. */
  BOUNCE,
  /** Mailing-list or bulk mail: its senders are not contacts. */
  LIST
}
