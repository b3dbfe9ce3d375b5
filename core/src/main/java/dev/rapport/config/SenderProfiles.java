package dev.rapport.config;

import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.VisaNeed;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link SenderProfile} from named text fields: the one parser behind the configuration's
 * {@code [profile]} table and the Thunderbird bridge's {@code "profile"} object. Each caller checks
 * the field names against {@link #KEYS} and reads the fields with its own type errors.
 *
 * <p>Stateless and thread-safe.
 */
public final class SenderProfiles {
  private SenderProfiles() {}

  /** The fields a profile has. */
  public static final Set<String> KEYS = Set.of("name", "school", "country", "citizenship", "visa");

  /**
   * Reads one field's text.
   *
   * @param <E> what the caller throws for a field of the wrong type
   */
  @FunctionalInterface
  public interface Fields<E extends Exception> {
    /**
     * Returns the text of field {@code key} (one of {@link #KEYS}), or {@code null} if it is
     * absent.
     */
    @Nullable String text(String key) throws E;
  }

  /**
   * Reads the profile: {@code visa} first, then the others; blank fields count as absent.
   *
   * @throws IllegalArgumentException if {@code visa} names no visa Rapport knows
   * @throws E if {@code fields} refuses a field
   */
  public static <E extends Exception> SenderProfile read(Fields<E> fields) throws E {
    String v = fields.text("visa");
    VisaNeed visa = v == null ? VisaNeed.UNKNOWN : VisaNeed.of(v);
    return new SenderProfile(
        fields.text("name"),
        fields.text("school"),
        fields.text("country"),
        fields.text("citizenship"),
        visa);
  }
}
