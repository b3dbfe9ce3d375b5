package dev.rapport.imap;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next reconnection: exponential (first, 2×, 4×, …) up to a cap, with
 * "equal jitter" (a random point in the upper half of the step), so that many watchers cut off by
 * the same server restart do not all come back in the same instant, while none waits less than half
 * a step.
 *
 * <p>Not thread-safe: one per reconnecting loop.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private final DoubleSupplier random;
  private int attempt;

  /**
   * @param first the first step
   * @param max the cap, at least {@code first}
   * @param random uniform numbers in [0, 1)
   */
  Backoff(Duration first, Duration max, DoubleSupplier random) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, not " + first + ", " + max);
    }
    this.first = first;
    this.max = max;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Returns the next wait and moves one step up. */
  Duration next() {
    long step = first.toNanos();
    long cap = max.toNanos();
    for (int i = 0; i < attempt && step < cap; i++) {
      step = step > cap / 2 ? cap : step * 2;
    }
    step = Math.min(step, cap);
    if (attempt < 62) {
      attempt++;
    }
    long half = step / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (step - half)));
  }

  /** Starts over from the first step, after a connection proved healthy. */
  void reset() {
    attempt = 0;
  }

  /** How many waits were handed out since the last reset. */
  int attempts() {
    return attempt;
  }
}
