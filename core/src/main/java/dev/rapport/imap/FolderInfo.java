package dev.rapport.imap;

import dev.rapport.track.FolderRole;
import java.util.Objects;

/**
 * A folder of the mailbox and what it is for.
 *
 * @param name the folder's full name
 * @param role its role, from SPECIAL-USE or, failing that, its name
 * @param bySpecialUse whether the role came from a SPECIAL-USE attribute (RFC 6154)
 */
public record FolderInfo(String name, FolderRole role, boolean bySpecialUse) {
  /** Validates. */
  public FolderInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
