package dev.rapport.bench;

import dev.rapport.config.RapportConfig;
import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Scorecard;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What running rules that are not built in on worker threads, under a time budget, costs a lint:
 * the built-in rules alone (the baseline), plus five rules that do nothing (the bare hand-off to a
 * worker and back), and plus five rules written in the configuration (hand-off and phrase
 * matching).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RuleBudgetBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RuleBudgetBenchmark {

  static final String CHECKS =
      """
      [[checks.flag]]
      id = "NO_SIR_MADAM"
      phrases = ["dear sir or madam", "to whom it may concern", "respected sir"]
      [[checks.flag]]
      id = "PRESSURE"
      phrases = ["asap", "at your earliest convenience", "urgent", "you must"]
      [[checks.require]]
      id = "PROGRAM_IN_SUBJECT"
      phrases = ["observership", "research"]
      in = "subject"
      when = { recipient = ["example.edu"], draftContains = ["observership"] }
      [[checks.require]]
      id = "VISA"
      phrases = ["J-1", "H-1B", "US citizen"]
      in = "body"
      when.draftContains = ["residency", "observership"]
      [[checks.substitute]]
      id = "PLAIN_WORDS"
      swap = { utilize = "use", "in order to" = "to", "at this point in time" = "now", commence = "start" }
      """;

  /** A rule that reports nothing: measures the hand-off alone. */
  static final class Idle implements Rule {
    private final String id;

    Idle(int n) {
      this.id = "BENCH.IDLE_" + n;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Dimension dimension() {
      return Dimension.HYGIENE;
    }

    @Override
    public String description() {
      return "Does nothing.";
    }

    @Override
    public List<RuleExample> examples() {
      return List.of();
    }

    @Override
    public void check(LintContext context, Reporter reporter) {}
  }

  Draft draft;
  Linter builtIns;
  Linter withIdle;
  Linter withChecks;

  @Setup
  public void setUp() throws Exception {
    draft =
        Drafts.parse(
            LintBenchmark.EML.getBytes(StandardCharsets.UTF_8), "bench.eml", DraftFormat.EML);
    builtIns = Linter.standard();
    Linter.Builder b = Linter.builder();
    for (int i = 0; i < 5; i++) {
      b.rule(new Idle(i), "bench");
    }
    withIdle = b.build();
    withChecks = RapportConfig.parse(CHECKS, "bench.toml").linter().build();
  }

  @Benchmark
  public Scorecard baselineBuiltInsOnly() {
    return builtIns.lint(draft);
  }

  @Benchmark
  public Scorecard plusFiveIdleRulesOnWorkers() {
    return withIdle.lint(draft);
  }

  @Benchmark
  public Scorecard plusFiveConfigRulesOnWorkers() {
    return withChecks.lint(draft);
  }
}
