package dev.rapport.lint;

import java.util.Objects;

/**
 * Where a finding applies: a range of the draft's {@linkplain dev.rapport.draft.Draft#text() text}
 * or of its subject.
 *
 * @param field which text the offsets index
 * @param start offset of the first character
 * @param end offset after the last character; equal to {@code start} for a point, such as where
 *     something missing should go
 */
public record Span(Field field, int start, int end) {

  /** The text a span indexes. */
  public enum Field {
    /** The draft's body text. */
    BODY,
    /** The subject line. */
    SUBJECT
  }

  /** Validates the bounds. */
  public Span {
    Objects.requireNonNull(field, "field");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  /** A range of the body text. */
  public static Span body(int start, int end) {
    return new Span(Field.BODY, start, end);
  }

  /** A point in the body text. */
  public static Span at(int offset) {
    return new Span(Field.BODY, offset, offset);
  }

  /** A range of the subject. */
  public static Span subject(int start, int end) {
    return new Span(Field.SUBJECT, start, end);
  }

  /** Returns the number of characters covered. */
  public int length() {
    return end - start;
  }
}
