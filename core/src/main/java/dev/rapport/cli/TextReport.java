package dev.rapport.cli;

import dev.rapport.draft.Draft;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import java.io.PrintWriter;

/**
 * Prints a scorecard the way a compiler prints diagnostics: {@code file:line:col: severity: message
 * [RULE_ID]}, the offending text underlined, the suggestion, then the scores. Colour only when
 * asked.
 */
final class TextReport {

  private static final int WINDOW = 100;

  private final PrintWriter out;
  private final boolean color;
  private final java.util.function.@org.jspecify.annotations.Nullable Function<Finding, String>
      where;

  TextReport(PrintWriter out, boolean color) {
    this(out, color, null);
  }

  /**
   * A report whose findings are placed by {@code where} ("message body:3:1") rather than by file
   * line and column.
   */
  TextReport(
      PrintWriter out,
      boolean color,
      java.util.function.@org.jspecify.annotations.Nullable Function<Finding, String> where) {
    this.out = out;
    this.color = color;
    this.where = where;
  }

  void print(Draft draft, Scorecard card, int threshold) {
    for (Finding f : card.findings()) {
      String place =
          where != null
              ? bold(where.apply(f))
              : bold(card.source()) + ":" + f.position().line() + ":" + f.position().column();
      out.printf(
          "%s: %s: %s %s%n", place, severity(f.severity()), f.message(), dim("[" + f.rule() + "]"));
      underline(draft, f.span());
      if (!f.suggestion().isEmpty()) {
        out.printf("    %s %s%n", cyan("suggestion:"), f.suggestion());
      }
    }
    long errors = card.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = card.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    boolean pass = card.passes(threshold);
    StringBuilder why = new StringBuilder();
    if (errors + warnings > 0) {
      why.append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"));
    }
    if (card.overall() < threshold) {
      why.append(why.length() > 0 ? ", " : "").append("under ").append(threshold);
    }
    out.printf(
        "%s: %s/100, %s (brevity %s, specificity %s, personalization %s, visa transparency %s): %s%s%n",
        bold(card.source()),
        bold(String.valueOf(card.overall())),
        band(card.band()),
        dimension(card, Dimension.BREVITY),
        dimension(card, Dimension.SPECIFICITY),
        dimension(card, Dimension.PERSONALIZATION),
        dimension(card, Dimension.VISA_TRANSPARENCY),
        pass ? green("pass") : red("FAIL"),
        why.length() == 0 ? "" : " (" + why + ")");
  }

  /** A dimension that did not apply to the draft reads "n/a", not 100. */
  private static String dimension(Scorecard card, Dimension d) {
    return card.applies(d) ? String.valueOf(card.score(d)) : "n/a";
  }

  private String band(Scorecard.Band band) {
    return switch (band) {
      case GOOD -> green(band.words());
      case REVIEW -> yellow(band.words());
      case POOR -> red(band.words());
    };
  }

  /**
   * Shows the line holding the span with {@code ^~~~} under the span (to the end of the line if it
   * runs on).
   */
  private void underline(Draft draft, Span span) {
    String text = span.field() == Span.Field.SUBJECT ? draft.subject() : draft.text();
    if (text.isEmpty()) {
      return;
    }
    int start = Math.min(span.start(), text.length());
    int lineStart = text.lastIndexOf('\n', start - 1) + 1;
    int lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    if (start == lineEnd && span.length() == 0 && lineStart == lineEnd) {
      return; // a point on an empty line: nothing to show
    }
    int end = Math.max(start + 1, Math.min(span.end(), lineEnd));
    // Keep long lines readable: a window around the span.
    int from = lineStart;
    if (start - from > WINDOW / 2) {
      from = start - WINDOW / 2;
    }
    int to = Math.min(lineEnd, Math.max(from + WINDOW, Math.min(end, from + WINDOW)));
    String prefix = span.field() == Span.Field.SUBJECT ? "Subject: " : "";
    String shown =
        prefix
            + (from > lineStart ? "…" : "")
            + text.substring(from, to).replace('\t', ' ')
            + (to < lineEnd ? "…" : "");
    int pad = prefix.length() + (from > lineStart ? 1 : 0) + (start - from);
    int marks = Math.max(1, Math.min(end, to) - start);
    out.println("    " + shown);
    out.println("    " + " ".repeat(pad) + green("^" + "~".repeat(Math.max(0, marks - 1))));
  }

  private String severity(Severity s) {
    switch (s) {
      case ERROR:
        return red("error");
      case WARNING:
        return yellow("warning");
      default:
        return cyan("info");
    }
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  private String bold(String s) {
    return paint("1", s);
  }

  private String dim(String s) {
    return paint("2", s);
  }

  private String red(String s) {
    return paint("1;31", s);
  }

  private String yellow(String s) {
    return paint("1;33", s);
  }

  private String green(String s) {
    return paint("32", s);
  }

  private String cyan(String s) {
    return paint("36", s);
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
