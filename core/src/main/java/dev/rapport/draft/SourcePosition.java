package dev.rapport.draft;

/**
 * A place in the original input, for pointing a writer at a finding.
 *
 * @param line the 1-based line in the original file (for HTML, in the visible text)
 * @param column the 1-based column on that line, counted in characters
 */
public record SourcePosition(int line, int column) {

  /** The start of the input. */
  public static final SourcePosition START = new SourcePosition(1, 1);

  /** Validates the components. */
  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }
}
