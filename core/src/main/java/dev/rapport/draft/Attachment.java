package dev.rapport.draft;

import java.util.Locale;
import java.util.Objects;

/**
 * A file attached to a draft, listed by name and type; its content is never kept.
 *
 * @param name the file name, decoded; {@code "(unnamed)"} if the part has none
 * @param contentType the MIME type in lower case without parameters, for example {@code
 *     application/pdf}
 * @param size the size in bytes as encoded in the message, or -1 if unknown
 */
public record Attachment(String name, String contentType, long size) {

  /** Validates the components. */
  public Attachment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentType, "contentType");
    contentType = contentType.toLowerCase(Locale.ROOT);
  }
}
