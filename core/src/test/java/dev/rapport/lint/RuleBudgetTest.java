package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.testing.RuleExamples;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failing or runaway rule that is not built in never breaks a lint. */
// Were the budget broken, a stuck rule would hang the test: the timeout turns that into a failure.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RuleBudgetTest {

  /**
   * Long enough that a rule doing nothing never misses it, short enough to keep the tests quick.
   */
  private static final Duration BUDGET = Duration.ofMillis(250);

  private static final Draft DRAFT =
      Drafts.parseText("Dear Dr. Lee,\n\nThis is urgent.\n\nBest,\nAna");

  /** Released at the end of each test, so no abandoned rule outlives it. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseStuckRules() {
    release.countDown();
  }

  private static class TestRule implements Rule {
    private final String id;
    private final BiConsumer<LintContext, Reporter> body;

    TestRule(String id, BiConsumer<LintContext, Reporter> body) {
      this.id = id;
      this.body = body;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Dimension dimension() {
      return Dimension.SPECIFICITY;
    }

    @Override
    public String description() {
      return "A rule of the test's own.";
    }

    @Override
    public List<RuleExample> examples() {
      return List.of();
    }

    @Override
    public void check(LintContext context, Reporter reporter) {
      body.accept(context, reporter);
    }
  }

  /** A rule that always reports one finding worth 10 points. */
  private static Rule punctual() {
    return new TestRule("ACME.PUNCTUAL", (c, r) -> r.report(Span.body(0, 4), "Found.", "Fix.", 10));
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the rule ignores it and keeps waiting, as a runaway loop would
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Finding> of(Scorecard card, String rule) {
    return card.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  private static void assertInternal(Finding f, String text) {
    assertEquals(Severity.INFO, f.severity());
    assertEquals(Dimension.HYGIENE, f.dimension());
    assertEquals(0, f.deduction());
    assertTrue(f.message().contains(text), f.message());
  }

  @Test
  void aRuleThatThrowsIsOneInfoFindingAndTheOtherRulesStand() {
    Rule boom =
        new TestRule(
            "ACME.BOOM",
            (c, r) -> {
              r.report(Span.body(0, 4), "Half done.", "", 50);
              throw new IllegalStateException("dictionary missing");
            });
    Scorecard alone = Linter.builder().ruleTimeout(BUDGET).rule(punctual()).build().lint(DRAFT);

    Scorecard card =
        Linter.builder().ruleTimeout(BUDGET).rule(boom).rule(punctual()).build().lint(DRAFT);

    List<Finding> boomFindings = of(card, "ACME.BOOM");
    assertEquals(1, boomFindings.size(), "the finding it made before failing is left out");
    assertInternal(
        boomFindings.get(0), "Rule ACME.BOOM failed (IllegalStateException: dictionary missing)");
    assertEquals(1, of(card, "ACME.PUNCTUAL").size());
    assertEquals(alone.overall(), card.overall(), "a failed rule costs the draft nothing");
  }

  @Test
  void aRuleThatIgnoresInterruptionCannotHoldUpTheLint() {
    Rule stuck = new TestRule("ACME.STUCK", (c, r) -> awaitIgnoringInterrupts(release));

    Scorecard card =
        Linter.builder().ruleTimeout(BUDGET).rule(stuck).rule(punctual()).build().lint(DRAFT);

    List<Finding> stuckFindings = of(card, "ACME.STUCK");
    assertEquals(1, stuckFindings.size());
    assertInternal(stuckFindings.get(0), "Rule ACME.STUCK did not finish within its 250 ms budget");
    assertEquals(1, of(card, "ACME.PUNCTUAL").size(), "the rule after it still ran");
  }

  @Test
  void aRuleThatHonoursInterruptionIsInterruptedAtItsBudget() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Rule slow =
        new TestRule(
            "ACME.SLOW",
            (c, r) -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });

    Scorecard card = Linter.builder().ruleTimeout(BUDGET).rule(slow).build().lint(DRAFT);

    assertInternal(of(card, "ACME.SLOW").get(0), "did not finish within its 250 ms budget");
    assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the worker was never interrupted");
  }

  @Test
  void aRunawayRuleIsNotStartedAgainWhileItStillRuns() throws InterruptedException {
    AtomicInteger starts = new AtomicInteger();
    Rule runaway =
        new TestRule(
            "ACME.RUNAWAY",
            (c, r) -> {
              if (starts.incrementAndGet() == 1) {
                awaitIgnoringInterrupts(release);
              }
              r.report(Span.body(0, 4), "Found.", "", 1);
            });
    ExecutorService threads = Executors.newCachedThreadPool();
    CountDownLatch firstRunOver = new CountDownLatch(1);
    try {
      Linter linter =
          Linter.builder()
              .ruleTimeout(BUDGET)
              .executor(
                  task ->
                      threads.execute(
                          () -> {
                            task.run();
                            firstRunOver.countDown();
                          }))
              .rule(runaway)
              .build();

      assertInternal(
          of(linter.lint(DRAFT), "ACME.RUNAWAY").get(0), "did not finish within its 250 ms budget");
      assertInternal(
          of(linter.lint(DRAFT), "ACME.RUNAWAY").get(0),
          "was skipped: it is still running on an earlier draft");
      assertEquals(1, starts.get(), "a rule still running is not started a second time");

      release.countDown();
      assertTrue(firstRunOver.await(30, TimeUnit.SECONDS));
      List<Finding> after = of(linter.lint(DRAFT), "ACME.RUNAWAY");
      assertEquals("Found.", after.get(0).message(), "once it let its thread go it runs again");
      assertEquals(2, starts.get());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void rulesThatAreNotBuiltInRunOnDaemonWorkerThreads() {
    AtomicReference<Thread> ran = new AtomicReference<>();
    Rule spy = new TestRule("ACME.SPY", (c, r) -> ran.set(Thread.currentThread()));

    Linter.builder().rule(spy).build().lint(DRAFT);

    assertNotSame(Thread.currentThread(), ran.get());
    assertTrue(ran.get().isDaemon(), "a rule that never returns must not keep the JVM alive");
    assertTrue(ran.get().getName().startsWith("rapport-rule-"), ran.get().getName());
  }

  @Test
  void rulesShareOneWorkerUntilOneOverruns() {
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    Rule first = new TestRule("ACME.FIRST", (c, r) -> threads.add(Thread.currentThread()));
    Rule second = new TestRule("ACME.SECOND", (c, r) -> threads.add(Thread.currentThread()));
    Rule stuck =
        new TestRule(
            "ACME.STUCK",
            (c, r) -> {
              threads.add(Thread.currentThread());
              awaitIgnoringInterrupts(release);
            });
    Rule third = new TestRule("ACME.THIRD", (c, r) -> threads.add(Thread.currentThread()));

    Linter.builder()
        .ruleTimeout(BUDGET)
        .rule(first)
        .rule(second)
        .rule(stuck)
        .rule(third)
        .build()
        .lint(DRAFT);

    assertEquals(4, threads.size());
    assertEquals(threads.get(0), threads.get(1), "one hand-off per draft, not per rule");
    assertEquals(threads.get(0), threads.get(2));
    assertNotSame(
        threads.get(2), threads.get(3), "the rule after an overrunning one runs on a new worker");
  }

  @Test
  void anExecutorThatRefusesWorkIsAFindingNotACrash() {
    Linter linter =
        Linter.builder()
            .executor(
                task -> {
                  throw new RejectedExecutionException("pool shut down");
                })
            .rule(punctual())
            .build();

    assertInternal(
        of(linter.lint(DRAFT), "ACME.PUNCTUAL").get(0),
        "could not be started (RejectedExecutionException: pool shut down)");
  }

  @Test
  void anInterruptedLintDoesNotWaitForRules() {
    Rule stuck = new TestRule("ACME.STUCK", (c, r) -> awaitIgnoringInterrupts(release));
    Linter linter =
        Linter.builder().ruleTimeout(Duration.ofMinutes(10)).rule(stuck).rule(punctual()).build();

    Thread.currentThread().interrupt();
    Scorecard card;
    try {
      card = linter.lint(DRAFT);
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
    assertInternal(of(card, "ACME.STUCK").get(0), "the lint was interrupted");
    assertInternal(of(card, "ACME.PUNCTUAL").get(0), "the lint was interrupted");
  }

  @Test
  void ruleExamplesDoNotCountAFailureAsAFinding() {
    Rule throwsOnEverything =
        new TestRule(
            "ACME.BOOM",
            (c, r) -> {
              throw new IllegalStateException("dictionary missing");
            }) {
          @Override
          public List<RuleExample> examples() {
            return List.of(
                RuleExample.bad("Hello,\n\nURGENT.\n\nAna"),
                RuleExample.good("Hello,\n\nFine.\n\nAna"));
          }
        };
    AssertionError e =
        assertThrows(AssertionError.class, () -> RuleExamples.verify(throwsOnEverything));
    assertTrue(
        e.getMessage()
            .contains(
                "example 0: Rule ACME.BOOM failed (IllegalStateException: dictionary missing)"),
        e.getMessage());
  }

  @Test
  void theBudgetIsBoundedAndSetOnce() {
    assertEquals(Linter.DEFAULT_RULE_TIMEOUT, Linter.standard().ruleTimeout());
    assertThrows(IllegalArgumentException.class, () -> Linter.builder().ruleTimeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> Linter.builder().ruleTimeout(Duration.ofHours(1)));
    Linter.Builder b = Linter.builder().ruleTimeout(BUDGET);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.ruleTimeout(BUDGET));
    assertEquals("rule timeout was already set", e.getMessage());
    assertFalse(Linter.builder().ruleTimeout(BUDGET).build().ruleTimeout().isZero());
  }
}
