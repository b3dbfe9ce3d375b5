package dev.rapport.track;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the mailbox says about one contact: the user's messages to them, their genuine replies
 * (auto-replies, list mail and bounces left out), and the bounces of messages to them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the contact's address, lower-cased
 * @param name their display name as last seen in a header, or {@code null}
 * @param sent the user's messages to them, oldest first
 * @param received their replies (from them, or in reply to the user's messages to them), oldest
 *     first
 * @param bounces delivery failures of messages to them, oldest first
 * @param autoReplies how many automatic answers (out of office and the like) came back
 */
public record ContactHistory(
    String address,
    @Nullable String name,
    List<MessageSummary> sent,
    List<MessageSummary> received,
    List<Bounce> bounces,
    int autoReplies) {

  /**
   * A delivery failure of a message to the contact.
   *
   * @param time when the report arrived
   * @param messageId the id of the message that bounced, if the report names one the mailbox holds
   */
  public record Bounce(Instant time, @Nullable String messageId) {
    /** Validates. */
    public Bounce {
      Objects.requireNonNull(time, "time");
    }
  }

  /** Validates and copies. */
  public ContactHistory {
    address = Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
    sent = List.copyOf(sent);
    received = List.copyOf(received);
    bounces = List.copyOf(bounces);
    for (MessageSummary m : sent) {
      Objects.requireNonNull(m.timeOrNull(), "every message needs a time");
    }
    for (MessageSummary m : received) {
      Objects.requireNonNull(m.timeOrNull(), "every message needs a time");
    }
  }

  /**
   * Returns this history cut to the messages {@link FollowUpPolicy} reads, for keeping a mailbox's
   * outcome small: the user's messages since the contact's latest reply (all of them if none), the
   * user's message the latest bounce names, the latest reply and the latest bounce. For every clock
   * and contact, the policy gives the trimmed history the same status as the whole one; a page that
   * draws every message needs the whole one.
   */
  public ContactHistory trimmed() {
    Instant last = lastReceivedOrNull();
    Bounce bounce = bounces.isEmpty() ? null : bounces.get(bounces.size() - 1);
    List<MessageSummary> kept = new ArrayList<>();
    boolean named = bounce == null || bounce.messageId() == null;
    for (MessageSummary m : sent) {
      boolean wanted = last == null || Objects.requireNonNull(m.timeOrNull()).isAfter(last);
      if (!named && bounce.messageId().equals(m.messageId())) {
        named = true;
        wanted = true;
      }
      if (wanted || m == sent.get(sent.size() - 1)) {
        kept.add(m);
      }
    }
    return new ContactHistory(
        address,
        name,
        kept,
        received.isEmpty() ? List.of() : List.of(received.get(received.size() - 1)),
        bounce == null ? List.of() : List.of(bounce),
        autoReplies);
  }

  /** Returns the user's latest message to the contact, if there is one. */
  public Optional<MessageSummary> latestSent() {
    return Optional.ofNullable(latestSentOrNull());
  }

  /** Returns the contact's latest reply, if there is one. */
  public Optional<MessageSummary> latestReceived() {
    return Optional.ofNullable(latestReceivedOrNull());
  }

  /** Returns when the user last wrote, if they ever did. */
  public Optional<Instant> lastSent() {
    return Optional.ofNullable(lastSentOrNull());
  }

  /** Returns when the contact last replied, if they ever did. */
  public Optional<Instant> lastReceived() {
    return Optional.ofNullable(lastReceivedOrNull());
  }

  // The @Nullable forms, for the policy's loop over every contact (see CONTRIBUTING.md).

  @Nullable MessageSummary latestSentOrNull() {
    return sent.isEmpty() ? null : sent.get(sent.size() - 1);
  }

  @Nullable MessageSummary latestReceivedOrNull() {
    return received.isEmpty() ? null : received.get(received.size() - 1);
  }

  @Nullable Instant lastSentOrNull() {
    MessageSummary m = latestSentOrNull();
    return m == null ? null : m.timeOrNull();
  }

  @Nullable Instant lastReceivedOrNull() {
    MessageSummary m = latestReceivedOrNull();
    return m == null ? null : m.timeOrNull();
  }

  /** Whether the contact has ever replied. */
  public boolean hasReplied() {
    return !received.isEmpty();
  }

  /**
   * Returns how many of the user's messages came after the contact's last reply (all of them if
   * none).
   */
  public int unanswered() {
    Instant last = lastReceivedOrNull();
    if (last == null) {
      return sent.size();
    }
    int n = 0;
    for (MessageSummary m : sent) {
      if (Objects.requireNonNull(m.timeOrNull()).isAfter(last)) {
        n++;
      }
    }
    return n;
  }
}
