package dev.rapport.draft;

import java.io.IOException;

/**
 * Thrown when input cannot be read as a draft: binary data, a file too large, or a message whose
 * structure cannot be made out. The message is one line fit to show a user.
 */
public class DraftException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line message. */
  public DraftException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line message and its cause. */
  public DraftException(String message, Throwable cause) {
    super(message, cause);
  }
}
