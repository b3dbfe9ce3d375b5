package dev.rapport.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text helpers for messages that must fit on one line (error lines, notices, JSON error fields).
 */
public final class Text {
  private Text() {}

  /** Folds every run of white space (line breaks included) to one space and strips the ends. */
  public static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /**
   * Like {@link #oneLine(String)}, cut to {@code max} characters with an ellipsis; {@code ifNull}
   * when there is no text at all (an exception without a message).
   */
  public static String oneLine(@Nullable String s, int max, String ifNull) {
    if (s == null) {
      return ifNull;
    }
    String one = oneLine(s);
    return one.length() > max ? one.substring(0, max) + "…" : one;
  }
}
