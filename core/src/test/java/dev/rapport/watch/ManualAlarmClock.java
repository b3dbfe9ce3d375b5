package dev.rapport.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Time that stands still until a test moves it: {@link #advanceTo} rings every alarm due by then,
 * in order, on the calling thread, with the clock reading each alarm's own instant while it rings.
 * So a test sees "a follow-up falls due on day 14" happen at exactly day 14, without waiting.
 *
 * <p>Thread-safe.
 */
final class ManualAlarmClock implements AlarmClock {
  private final ZoneId zone;
  private volatile Instant now;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          Comparator.comparing((Pending p) -> p.when).thenComparingLong(p -> p.seq));
  private long seq;
  private boolean closed;

  ManualAlarmClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  private final class Pending implements Alarm {
    final Instant when;
    final Runnable task;
    final long seq;
    boolean cancelled;

    Pending(Instant when, Runnable task, long seq) {
      this.when = when;
      this.task = task;
      this.seq = seq;
    }

    @Override
    public void cancel() {
      synchronized (ManualAlarmClock.this) {
        cancelled = true;
        pending.remove(this);
      }
    }
  }

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId z) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  @Override
  public synchronized Alarm at(Instant when, Runnable task) {
    Pending p = new Pending(when, task, seq++);
    if (!closed) {
      pending.add(p);
    }
    return p;
  }

  /** The instants alarms are set for, earliest first. */
  synchronized List<Instant> pendingAlarms() {
    List<Instant> out = new ArrayList<>();
    pending.stream().sorted(pending.comparator()).forEach(p -> out.add(p.when));
    return out;
  }

  /** Moves time forward to {@code t}, ringing each alarm due on the way at its own instant. */
  void advanceTo(Instant t) {
    while (true) {
      Pending next;
      synchronized (this) {
        next = pending.peek();
        if (next == null || next.when.isAfter(t)) {
          if (t.isAfter(now)) {
            now = t;
          }
          return;
        }
        pending.poll();
        if (next.when.isAfter(now)) {
          now = next.when;
        }
      }
      next.task.run();
    }
  }

  void advance(Duration d) {
    advanceTo(now.plus(d));
  }

  Instant now() {
    return now;
  }

  @Override
  public synchronized void close() {
    closed = true;
    pending.clear();
  }
}
