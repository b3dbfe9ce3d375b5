package dev.rapport.lint;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The result of linting one draft: a score per dimension, an overall score and the findings that
 * explain every point lost.
 *
 * <p>A dimension's score is 100 minus the deductions of its findings, clamped to 0–100. The overall
 * score is 100 minus the deductions of all findings (a scored dimension's scaled by its configured
 * weight against the default), clamped to 0–100, and reads as a {@link Band}. A dimension does not
 * apply when none of its rules judges the draft (visa transparency, when nothing about a training
 * position is asked): it shows 100 and carries no weight. Immutable.
 *
 * @param source where the draft came from (a file name or a label)
 * @param overall the overall score, 0–100
 * @param scores the score of each scored dimension, 0–100
 * @param findings the findings, in order of position
 * @param notApplicable the scored dimensions left out of the overall score
 */
public record Scorecard(
    String source,
    int overall,
    Map<Dimension, Integer> scores,
    List<Finding> findings,
    Set<Dimension> notApplicable) {

  /** Validates the components. */
  public Scorecard {
    Objects.requireNonNull(source, "source");
    if (overall < 0 || overall > 100) {
      throw new IllegalArgumentException("overall must be 0..100: " + overall);
    }
    EnumMap<Dimension, Integer> copy = new EnumMap<>(Dimension.class);
    copy.putAll(scores);
    for (Dimension d : Dimension.values()) {
      if (d.isScored() && !copy.containsKey(d)) {
        throw new IllegalArgumentException("no score for " + d.key());
      }
    }
    scores = java.util.Collections.unmodifiableMap(copy);
    findings = List.copyOf(findings);
    notApplicable =
        notApplicable.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(notApplicable));
  }

  /** A scorecard where every dimension applies. */
  public Scorecard(
      String source, int overall, Map<Dimension, Integer> scores, List<Finding> findings) {
    this(source, overall, scores, findings, Set.of());
  }

  /**
   * What an overall score means for the writer; the bands are fitted on drafts graded by careful
   * readers.
   */
  public enum Band {
    /** 85–100: good to send. */
    GOOD("good", "good to send"),
    /** 60–84: worth another look before sending. */
    REVIEW("review", "worth another look"),
    /** Under 60: a careful reader would not send it. */
    POOR("poor", "a careful reader would not send it");

    private final String key;
    private final String words;

    Band(String key, String words) {
      this.key = key;
      this.words = words;
    }

    /** Returns the band of an overall score. */
    public static Band of(int overall) {
      return overall >= 85 ? GOOD : overall >= 60 ? REVIEW : POOR;
    }

    /** Returns the key used in JSON: {@code good}, {@code review} or {@code poor}. */
    public String key() {
      return key;
    }

    /** Returns what the band means, in words: "good to send". */
    public String words() {
      return words;
    }
  }

  /** Returns the band the overall score falls in. */
  public Band band() {
    return Band.of(overall);
  }

  /** Returns whether a scored dimension counted in the overall score. */
  public boolean applies(Dimension dimension) {
    return dimension.isScored() && !notApplicable.contains(dimension);
  }

  /** Returns one dimension's score. */
  public int score(Dimension dimension) {
    Integer s = scores.get(dimension);
    if (s == null) {
      throw new IllegalArgumentException(dimension.key() + " has no score of its own");
    }
    return s;
  }

  /** Returns whether any finding is an error. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /**
   * Returns whether the draft passes: no error findings and an overall score of at least {@code
   * failUnder}.
   */
  public boolean passes(int failUnder) {
    return !hasErrors() && overall >= failUnder;
  }
}
