package dev.rapport.draft;

import java.util.Objects;

/**
 * A stretch of a draft's text of one {@link SegmentKind}.
 *
 * @param kind what the text is
 * @param start the offset of the first character in {@link Draft#text()}
 * @param end the offset after the last character
 */
public record Segment(SegmentKind kind, int start, int end) {

  /** Validates the bounds. */
  public Segment {
    Objects.requireNonNull(kind, "kind");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad segment bounds " + start + ".." + end);
    }
  }

  /** Returns the number of characters in this segment. */
  public int length() {
    return end - start;
  }

  /** Returns whether the offset lies in this segment. */
  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }
}
