package dev.rapport.watch;

import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageSummary;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which IMAP keyword says which state, and which message carries it: the user's latest message to
 * the contact, where a mail client shows it next to the thread. A message to several contacts
 * carries the keyword of the most urgent one. {@code THANK_YOU_DUE} has no keyword: the message it
 * would go on predates the meeting.
 *
 * <p>Stateless and thread-safe.
 */
final class Tags {
  private Tags() {}

  private static final Map<ContactState, String> KEYWORDS =
      new EnumMap<>(
          Map.of(
              ContactState.REPLIED, "$Replied",
              ContactState.FOLLOW_UP_DUE, "$FollowUpDue",
              ContactState.BOUNCED, "$Bounced",
              ContactState.UPDATE_DUE, "$UpdateDue",
              ContactState.MOVE_ON, "$MoveOn",
              ContactState.AWAITING_REPLY, "$AwaitingReply",
              ContactState.IN_TOUCH, "$InTouch"));

  /** Every keyword Rapport manages: the only ones it ever sets or removes. */
  static final Set<String> MANAGED =
      Collections.unmodifiableSet(new LinkedHashSet<>(KEYWORDS.values()));

  /** The keyword of a state, or {@code null}. */
  static @Nullable String keyword(ContactState state) {
    return KEYWORDS.get(state);
  }

  /** The keyword each message should carry now. */
  static Map<MessageSummary, String> wanted(
      MailboxSnapshot snapshot, List<ContactStatus> statuses) {
    Map<MessageSummary, ContactState> best = new HashMap<>();
    for (ContactStatus s : statuses) {
      if (keyword(s.state()) == null) {
        continue;
      }
      MessageSummary latest =
          snapshot
              .correspondence()
              .history(s.contact())
              .flatMap(ContactHistory::latestSent)
              .orElse(null);
      if (latest == null || latest.uid() <= 0) {
        continue;
      }
      best.merge(latest, s.state(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    Map<MessageSummary, String> out = new HashMap<>();
    best.forEach((m, st) -> out.put(m, KEYWORDS.get(st)));
    return out;
  }

  /** The folders where stale keywords may sit: every Sent folder. */
  static Set<String> folders(MailboxSnapshot snapshot) {
    Set<String> out = new LinkedHashSet<>();
    snapshot.folders().stream()
        .filter(f -> f.role() == FolderRole.SENT)
        .forEach(f -> out.add(f.name()));
    return out;
  }
}
