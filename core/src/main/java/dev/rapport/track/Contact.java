package dev.rapport.track;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the user knows of a person they write to, from the contacts section of the configuration:
 * used by tracking (a thank-you is due after meeting in person) and by the linter (does the draft
 * mention their work?).
 *
 * @param email the address, lower-cased
 * @param name their full name as they write it, or {@code null}
 * @param title how to address them, such as {@code Dr.} or {@code Prof.}, or {@code null}
 * @param metAt where the user met them in person, or {@code null}
 * @param metOn when, or {@code null} if they have not met
 * @param work their known papers, talks, clinics or projects, each a short phrase
 */
public record Contact(
    String email,
    @Nullable String name,
    @Nullable String title,
    @Nullable String metAt,
    @Nullable LocalDate metOn,
    List<String> work) {

  /** Validates and normalizes: the address is lower-cased, blank strings become {@code null}. */
  public Contact {
    Objects.requireNonNull(email, "email");
    email = email.strip().toLowerCase(Locale.ROOT);
    if (!email.contains("@")) {
      throw new IllegalArgumentException("not an email address: '" + email + "'");
    }
    name = blankToNull(name);
    title = blankToNull(title);
    metAt = blankToNull(metAt);
    work = List.copyOf(work);
  }

  /** Returns a contact known only by address. */
  public static Contact of(String email) {
    return new Contact(email, null, null, null, null, List.of());
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
