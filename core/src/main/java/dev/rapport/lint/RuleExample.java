package dev.rapport.lint;

import dev.rapport.track.Contact;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A draft a rule must flag ({@linkplain #bad bad}) or must leave alone ({@linkplain #good good}).
 * Every rule carries its own; one generic test runs them all.
 *
 * @param input the draft: plain text, HTML, or a message with headers ({@code To:}, {@code
 *     Subject:}, a blank line, then the body)
 * @param flagged whether the rule must report at least one finding
 * @param profile the sender profile to lint with, or {@code null} for none
 * @param thread the thread context to lint with, or {@code null} for none
 * @param contacts what the configuration knows of the draft's recipients (their names, titles,
 *     work)
 */
public record RuleExample(
    String input,
    boolean flagged,
    @Nullable SenderProfile profile,
    @Nullable ThreadContext thread,
    List<Contact> contacts) {

  /** Validates the components. */
  public RuleExample {
    Objects.requireNonNull(input, "input");
    contacts = List.copyOf(contacts);
  }

  /** An example without known contacts. */
  public RuleExample(
      String input,
      boolean flagged,
      @Nullable SenderProfile profile,
      @Nullable ThreadContext thread) {
    this(input, flagged, profile, thread, List.of());
  }

  /** A draft the rule must flag. */
  public static RuleExample bad(String input) {
    return new RuleExample(input, true, null, null);
  }

  /** A draft the rule must not flag. */
  public static RuleExample good(String input) {
    return new RuleExample(input, false, null, null);
  }

  /** Returns a copy linted with the given sender profile. */
  public RuleExample with(SenderProfile profile) {
    return new RuleExample(input, flagged, profile, thread, contacts);
  }

  /** Returns a copy linted with the given thread context. */
  public RuleExample with(ThreadContext thread) {
    return new RuleExample(input, flagged, profile, thread, contacts);
  }

  /** Returns a copy linted with these contacts known, as a contacts file would list them. */
  public RuleExample with(Contact... known) {
    return new RuleExample(input, flagged, profile, thread, List.of(known));
  }
}
