package dev.rapport.imap;

/**
 * Hears how a sync goes: progress for an indicator, notices for the user (a cache reset, a folder
 * that could not be read). Called on the syncing thread.
 */
public interface SyncListener {

  /** A listener that ignores everything. */
  SyncListener NONE = new SyncListener() {};

  /**
   * Reports progress: {@code done} of {@code total} new messages of a folder have been read.
   *
   * @param folder the folder being read
   */
  default void progress(String folder, int done, int total) {}

  /** Reports something the user should know, in one line. */
  default void notice(String message) {}
}
