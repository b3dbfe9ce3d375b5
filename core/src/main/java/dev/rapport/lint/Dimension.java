package dev.rapport.lint;

/**
 * What a rule judges. Four dimensions are scored; {@link #HYGIENE} findings lower the overall score
 * only.
 */
public enum Dimension {
  /** Short new text, subject, sentences and paragraphs. */
  BREVITY("brevity"),
  /** One clear bounded ask, a few questions, named interests. */
  SPECIFICITY("specificity"),
  /** The right name and title, reference to the recipient's own work. */
  PERSONALIZATION("personalization"),
  /** Citizenship and visa needs stated plainly when the ask concerns training. */
  VISA_TRANSPARENCY("visaTransparency"),
  /** Placeholders, unrequested attachments, pressure, timing: not scored as a dimension. */
  HYGIENE("hygiene");

  private final String key;

  Dimension(String key) {
    this.key = key;
  }

  /** Returns the key used in JSON and configuration, such as {@code visaTransparency}. */
  public String key() {
    return key;
  }

  /** Returns whether this dimension gets a score of its own. */
  public boolean isScored() {
    return this != HYGIENE;
  }

  /**
   * Parses a key, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted keys
   */
  public static Dimension of(String key) {
    for (Dimension d : values()) {
      if (d.key.equalsIgnoreCase(key.strip()) || d.name().equalsIgnoreCase(key.strip())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dimension '"
            + key
            + "' (expected brevity, specificity, personalization, visaTransparency or hygiene)");
  }
}
