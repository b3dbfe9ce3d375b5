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
 */
record FolderState(
    String name,
    FolderRole role,
    long uidValidity,
    long uidNext,
    int messageCount,
    SortedMap<Long, MessageSummary> messages,
    Map<Long, String> texts) {

  FolderState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    messages = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(messages));
    texts = Map.copyOf(texts);
  }
}
