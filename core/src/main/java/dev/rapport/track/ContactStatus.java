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
  public static final Comparator<ContactStatus> BY_URGENCY =
      Comparator.comparing(ContactStatus::state)
          .thenComparing(ContactStatus::due, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(ContactStatus::contact);

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
