package dev.rapport.lint;

import java.util.Locale;

/** How much a finding matters: an {@link #ERROR} fails the lint, the others only inform. */
public enum Severity {
  /** The draft should not be sent as it is. */
  ERROR,
  /** Worth fixing; the draft may still go. */
  WARNING,
  /** A hint. */
  INFO;

  /**
   * Returns the lower-case name used in configuration and JSON: {@code error}, {@code warning},
   * {@code info}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a lower- or upper-case name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity of(String id) {
    for (Severity s : values()) {
      if (s.id().equalsIgnoreCase(id.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + id + "' (expected error, warning or info)");
  }
}
