package dev.rapport.config;

/**
 * Thrown when configuration cannot be read or says something invalid; the message is one line
 * naming the file and key.
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line message. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line message and its cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
