package dev.rapport.track;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One contact's state at a moment, with what it is based on and when the next step is due.
 *
 * <p>Immutable and thread-safe.
 *
 * @param contact the contact's address, lower-cased
 * @param name their name, or {@code null}
 * @param state where the relationship stands
 * @param lastSent when the user last wrote to them, or {@code null}
 * @param lastReceived when they last replied, or {@code null}
 * @param followUps how many follow-ups the user sent after the first unanswered message
 * @param due when the next step is (or was) due, or {@code null} if none is foreseen
 * @param reason one line saying why, for people
 * @param possiblyUnseen whether their latest reply sits in Junk, where the user may not have seen
 *     it
 */
public record ContactStatus(
    String contact,
    @Nullable String name,
    ContactState state,
    @Nullable Instant lastSent,
    @Nullable Instant lastReceived,
    int followUps,
    @Nullable Instant due,
    String reason,
    boolean possiblyUnseen) {

  /** What needs doing first: by state, then the earliest due date, then the address. */
  public static final Comparator<ContactStatus> BY_URGENCY = ContactStatus::byUrgency;

  // Written out rather than composed from comparing/thenComparing: a watcher sorts every contact
  // after every sync, and the chain of key extractors was a tenth of the evaluation. Same order.
  private static int byUrgency(ContactStatus a, ContactStatus b) {
    int c = a.state.compareTo(b.state);
    if (c != 0) {
      return c;
    }
    Instant x = a.due;
    Instant y = b.due;
    if (x == null || y == null) {
      if (x != y) {
        return x == null ? 1 : -1; // no due date last
      }
    } else {
      c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return a.contact.compareTo(b.contact);
  }

  /** Validates and normalizes. */
  public ContactStatus {
    contact = Objects.requireNonNull(contact, "contact").strip().toLowerCase(Locale.ROOT);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    if (reason.contains("\n")) {
      throw new IllegalArgumentException("reason must be one line");
    }
    if (followUps < 0) {
      throw new IllegalArgumentException("followUps < 0");
    }
  }
}
