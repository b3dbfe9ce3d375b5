package dev.rapport.bridge;

/** A request the host cannot serve; its code and one-line message go back to the add-on. */
final class BridgeRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  BridgeRequestException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** One of {@code bad-json}, {@code bad-request}, {@code unknown-type}, {@code config}. */
  String code() {
    return code;
  }
}
