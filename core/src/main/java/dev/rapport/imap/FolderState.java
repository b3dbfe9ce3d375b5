package dev.rapport.imap;

import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageSummary;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What is known of one folder after a sync: its UIDVALIDITY and UIDNEXT, how many messages it held,
 * and the summaries and texts read, by UID. Headers of an IMAP message never change, so a summary
 * stays true for as long as its UID exists under the same UIDVALIDITY.
 *
 * <p>Immutable and thread-safe (the maps are unmodifiable copies).
 *
 * @param restless whether the server's UIDVALIDITY for this folder has been seen to change while
 *     its messages kept their UIDs (Courier does that on every connection for a folder no client
 *     opened read-write): the folder's UIDs then name nothing from one connection to the next, and
 *     every sync matches its messages to these by Message-ID and INTERNALDATE ({@link KeyedSync})
 */
record FolderState(
    String name,
    FolderRole role,
    long uidValidity,
    long uidNext,
    int messageCount,
    SortedMap<Long, MessageSummary> messages,
    Map<Long, String> texts,
    boolean restless) {

  FolderState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    messages = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(messages));
    texts = Map.copyOf(texts);
  }

  /** The state of a folder whose UIDVALIDITY has not been seen to move without cause. */
  FolderState(
      String name,
      FolderRole role,
      long uidValidity,
      long uidNext,
      int messageCount,
      SortedMap<Long, MessageSummary> messages,
      Map<Long, String> texts) {
    this(name, role, uidValidity, uidNext, messageCount, messages, texts, false);
  }

  /** This state with other texts. */
  FolderState withTexts(Map<Long, String> otherTexts) {
    return new FolderState(
        name, role, uidValidity, uidNext, messageCount, messages, otherTexts, restless);
  }
}
