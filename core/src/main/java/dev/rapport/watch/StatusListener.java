package dev.rapport.watch;

import dev.rapport.track.ContactStatus;
import java.util.List;

/**
 * Hears what a {@link Watcher} sees. Only {@link #stateChanged} must be written; the others are for
 * clients that show the whole picture or a health indicator.
 *
 * <p>Called on the watcher's threads: one account's calls come one at a time and in order, but two
 * accounts may call at once. Return quickly (hand slow work to a thread of your own): the account
 * waits meanwhile. An exception thrown here is reported as a notice and does not stop the watcher.
 */
@FunctionalInterface
public interface StatusListener {

  /** A contact's state changed (or the contact was seen for the first time). */
  void stateChanged(StatusEvent event);

  /**
   * An account was evaluated (after new mail, or when a state fell due): every contact's status,
   * sorted by what needs doing first. Called after the {@link #stateChanged} calls it caused.
   */
  default void evaluated(String account, List<ContactStatus> statuses) {}

  /** Something worth a line in a log: connected, connection lost and retrying, a cache reset. */
  default void notice(String account, String message) {}
}
