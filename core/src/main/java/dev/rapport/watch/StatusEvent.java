package dev.rapport.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A contact's state changed: what it is now, what it was, and when the change was noticed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account the account it was seen in (its configured name, or {@code user@host:port})
 * @param status the contact's status now
 * @param previous the state announced before, or {@code null} if this contact is new to the watcher
 * @param at when the change was noticed: when the mail arrived, or the very instant a state fell
 *     due
 */
public record StatusEvent(
    String account, ContactStatus status, @Nullable ContactState previous, Instant at) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates. */
  public StatusEvent {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    if (previous == status.state()) {
      throw new IllegalArgumentException("not a change: " + previous);
    }
  }

  /** The contact's address, lower-cased. */
  public String contact() {
    return status.contact();
  }

  /** The contact's name, if known. */
  public Optional<String> name() {
    return Optional.ofNullable(status.name());
  }

  /** The state now. */
  public ContactState state() {
    return status.state();
  }

  /** When the next step is (or was) due, if there is one. */
  public Optional<Instant> due() {
    return Optional.ofNullable(status.due());
  }

  /** One line saying why, for people. */
  public String reason() {
    return status.reason();
  }

  /**
   * Returns the event as one line of JSON: {@code {"event":"state","account","contact","name",
   * "state","previous","due","reason","at"}}, instants in ISO-8601 UTC, absent values {@code null}.
   */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", "state");
    o.put("account", account);
    o.put("contact", contact());
    o.put("name", status.name());
    o.put("state", state().name());
    o.put("previous", previous == null ? null : previous.name());
    o.put("due", status.due() == null ? null : status.due().toString());
    o.put("reason", reason());
    o.put("at", at.toString());
    try {
      return JSON.writeValueAsString(o); // Jackson escapes line breaks: always one line
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
