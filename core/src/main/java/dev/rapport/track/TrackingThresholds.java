package dev.rapport.track;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of the follow-up policy; the defaults follow the seed guidance (wait two weeks
 * before a polite follow-up, move on after two unanswered ones, update mentors every three to six
 * months, thank people within 72 hours of meeting them).
 *
 * @param followUpAfter how long an unanswered message waits before a follow-up is due
 * @param maxFollowUps how many unanswered follow-ups before it is time to move on
 * @param moveOnAfter how long after the last follow-up before moving on
 * @param updateAfter how long a quiet relationship waits before an update is due
 * @param thankYouWithin how soon after meeting someone a thank-you note is due
 */
public record TrackingThresholds(
    Duration followUpAfter,
    int maxFollowUps,
    Duration moveOnAfter,
    Duration updateAfter,
    Duration thankYouWithin) {

  /** The defaults: 14 days, 2 follow-ups, 14 days, 90 days, 72 hours. */
  public static final TrackingThresholds DEFAULTS =
      new TrackingThresholds(
          Duration.ofDays(14), 2, Duration.ofDays(14), Duration.ofDays(90), Duration.ofHours(72));

  /** Validates the components: durations positive, follow-ups 0–10. */
  public TrackingThresholds {
    positive(followUpAfter, "followUpAfter");
    positive(moveOnAfter, "moveOnAfter");
    positive(updateAfter, "updateAfter");
    positive(thankYouWithin, "thankYouWithin");
    if (maxFollowUps < 0 || maxFollowUps > 10) {
      throw new IllegalArgumentException("maxFollowUps must be 0..10, not " + maxFollowUps);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + d);
    }
  }
}
