package dev.rapport.draft;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An email address with an optional display name, as found in a {@code To:}, {@code Cc:} or {@code
 * From:} header.
 *
 * @param name the display name, decoded from RFC 2047 if needed, or {@code null} if there is none
 * @param email the address itself, lower-cased
 */
public record Address(@Nullable String name, String email) {

  /** Validates and normalizes: the address is trimmed and lower-cased, a blank name is dropped. */
  public Address {
    Objects.requireNonNull(email, "email");
    email = email.trim().toLowerCase(Locale.ROOT);
    if (email.isEmpty()) {
      throw new IllegalArgumentException("email address is empty");
    }
    if (name != null) {
      name = name.strip();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1).strip();
      }
      if (name.isEmpty() || name.equalsIgnoreCase(email)) {
        name = null;
      }
    }
  }

  /**
   * Parses an address list such as a {@code To:} header's value ({@code "A <a@x.org>, b@y.org"}); a
   * list that cannot be parsed strictly is picked apart by shape, and entries without an {@code @}
   * are dropped, so this never throws on bad input.
   */
  public static List<Address> parseList(@Nullable String addressList) {
    return Headers.addresses(addressList);
  }

  /** Returns an address without a display name. */
  public static Address of(String email) {
    return new Address(null, email);
  }

  /** Returns the part of the address before the {@code @}. */
  public String localPart() {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  /** Returns the part of the address after the {@code @}, or an empty string. */
  public String domain() {
    int at = email.lastIndexOf('@');
    return at < 0 ? "" : email.substring(at + 1);
  }

  @Override
  public String toString() {
    return name == null ? email : name + " <" + email + ">";
  }
}
