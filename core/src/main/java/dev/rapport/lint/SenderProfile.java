package dev.rapport.lint;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is writing: the linter checks the draft's statements about status against it.
 *
 * @param name the sender's name, or {@code null}
 * @param school their medical school, or {@code null}
 * @param country the country they trained in, or {@code null}
 * @param citizenship their citizenship, such as {@code Nigerian} or {@code US}, or {@code null}
 * @param visa the visa they would need for a US training position
 */
public record SenderProfile(
    @Nullable String name,
    @Nullable String school,
    @Nullable String country,
    @Nullable String citizenship,
    VisaNeed visa) {

  /** A profile that says nothing: status statements are not checked against it. */
  public static final SenderProfile UNKNOWN =
      new SenderProfile(null, null, null, null, VisaNeed.UNKNOWN);

  /** Validates the components; blank strings become {@code null}. */
  public SenderProfile {
    Objects.requireNonNull(visa, "visa");
    name = blank(name);
    school = blank(school);
    country = blank(country);
    citizenship = blank(citizenship);
  }

  /** Returns a copy with the given visa need. */
  public SenderProfile withVisa(VisaNeed visa) {
    return new SenderProfile(name, school, country, citizenship, visa);
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
