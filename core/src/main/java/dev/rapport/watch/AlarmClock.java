package dev.rapport.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What time it is, and a way to run something when a given instant comes. The watcher's policy
 * timers use it, so tests move time forward by hand instead of waiting for it.
 *
 * <p>Implementations are thread-safe.
 */
interface AlarmClock extends AutoCloseable {

  /** A pending alarm. */
  interface Alarm {
    /** Cancels it; does nothing if it already rang. */
    void cancel();
  }

  /** The clock "now" is read from. */
  Clock clock();

  /** Runs {@code task} (on a thread of the alarm clock's) once {@code when} has come. */
  Alarm at(Instant when, Runnable task);

  @Override
  void close();

  /**
   * The real thing: a scheduled executor with one daemon thread. A wait is never longer than an
   * hour before the clock is read again, so a machine that slept through an alarm (or had its clock
   * set) rings it on waking rather than hours late.
   */
  static AlarmClock system(Clock clock) {
    return new SystemAlarmClock(clock);
  }

  /** See {@link AlarmClock#system}. */
  final class SystemAlarmClock implements AlarmClock {
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Clock clock;
    private final ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rapport-alarms");
              t.setDaemon(true);
              return t;
            });

    SystemAlarmClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Alarm at(Instant when, Runnable task) {
      Pending p = new Pending(when, task);
      p.arm();
      return p;
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }

    private final class Pending implements Alarm {
      private final Instant when;
      private final Runnable task;
      private @Nullable ScheduledFuture<?> future;
      private boolean cancelled;

      Pending(Instant when, Runnable task) {
        this.when = when;
        this.task = task;
      }

      synchronized void arm() {
        if (cancelled || executor.isShutdown()) {
          return;
        }
        Duration left = Duration.between(clock.instant(), when);
        if (left.isNegative()) {
          left = Duration.ZERO;
        }
        boolean final_ = left.compareTo(LONGEST_WAIT) <= 0;
        Duration wait = final_ ? left : LONGEST_WAIT;
        try {
          future =
              executor.schedule(
                  final_ ? this::ring : this::arm, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // Closed meanwhile.
        }
      }

      private void ring() {
        synchronized (this) {
          if (cancelled) {
            return;
          }
        }
        // The clock may run behind the scheduler by a hair: never ring before the instant.
        if (clock.instant().isBefore(when)) {
          arm();
          return;
        }
        task.run();
      }

      @Override
      public synchronized void cancel() {
        cancelled = true;
        if (future != null) {
          future.cancel(false);
        }
      }
    }
  }
}
