package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static List<Long> millis(Backoff b, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.next().toMillis());
    }
    return out;
  }

  @Test
  void waitsDoubleUpToTheCap() {
    Backoff top = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999_999);
    assertEquals(
        List.of(999L, 1999L, 3999L, 7999L, 15999L, 29999L, 29999L, 29999L), millis(top, 8));
  }

  @Test
  void jitterNeverGoesBelowHalfAStep() {
    Backoff bottom = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L), millis(bottom, 7));
  }

  @Test
  void randomWaitsStayWithinTheirStep() {
    Random r = new Random(42);
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), r::nextDouble);
    long step = 100;
    for (int i = 0; i < 200; i++) {
      long w = b.next().toMillis();
      assertTrue(
          w >= step / 2 && w <= step, i + ": " + w + " not in [" + step / 2 + ", " + step + "]");
      step = Math.min(step * 2, 5000);
    }
  }

  @Test
  void aHealthyConnectionStartsTheStepsOver() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999_999);
    millis(b, 5);
    b.reset();
    assertEquals(999L, b.next().toMillis());
    assertEquals(1, b.attempts());
  }

  @Test
  void thousandsOfFailuresNeverOverflow() {
    Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(5), () -> 0.999_999);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 10_000; i++) {
      last = b.next();
    }
    assertTrue(
        last.compareTo(Duration.ofMinutes(5)) <= 0 && last.compareTo(Duration.ofMinutes(2)) > 0,
        last.toString());
  }

  @Test
  void aCapBelowTheFirstStepIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5));
  }
}
