package dev.rapport.lint;

import java.util.Locale;

/** The US visa the sender would need for a training position. */
public enum VisaNeed {
  /** J-1 exchange visitor (ECFMG-sponsored for clinical training). */
  J1("J-1"),
  /** H-1B temporary worker. */
  H1B("H-1B"),
  /** None: a US citizen or permanent resident. */
  NONE("none"),
  /** Not known or not yet decided. */
  UNKNOWN("unknown");

  private final String label;

  VisaNeed(String label) {
    this.label = label;
  }

  /**
   * Returns the label as written in prose and configuration: {@code J-1}, {@code H-1B}, {@code
   * none}, {@code unknown}.
   */
  public String label() {
    return label;
  }

  /**
   * Parses a label leniently: {@code J-1}, {@code j1}, {@code H-1B}, {@code h1b}, {@code none},
   * {@code unknown}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static VisaNeed of(String s) {
    String k = s.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    switch (k) {
      case "j1":
        return J1;
      case "h1b":
        return H1B;
      case "none":
      case "no":
      case "citizen":
        return NONE;
      case "unknown":
      case "":
        return UNKNOWN;
      default:
        throw new IllegalArgumentException(
            "unknown visa '" + s + "' (expected J-1, H-1B, none or unknown)");
    }
  }
}
