package dev.rapport.track;

/**
 * What a mail folder is for, from its SPECIAL-USE attribute (RFC 6154) or, failing that, its name.
 * Tracking reads every role but {@link #DRAFTS}; a reply found in {@link #JUNK} is flagged because
 * the user may never have seen it.
 */
public enum FolderRole {
  /** The inbox. */
  INBOX,
  /** Where sent mail is filed ({@code \Sent}). */
  SENT,
  /** Unsent drafts ({@code \Drafts}): never read. */
  DRAFTS,
  /** Deleted mail ({@code \Trash}): replies there still count. */
  TRASH,
  /** Suspected spam ({@code \Junk}): replies there count and are flagged as possibly unseen. */
  JUNK,
  /** An archive ({@code \Archive}). */
  ARCHIVE,
  /** A virtual folder holding every message ({@code \All}, Gmail's All Mail). */
  ALL,
  /** Any other folder, such as one the user files mail into. */
  OTHER
}
