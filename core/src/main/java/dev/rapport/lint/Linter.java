package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.draft.SourcePosition;
import dev.rapport.internal.Text;
import dev.rapport.lint.rules.BuiltInRules;
import dev.rapport.track.Contact;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Scores drafts: runs every active rule and turns their findings into a {@link Scorecard}.
 *
 * <pre>{@code
 * Linter linter = Linter.builder().profile(myProfile).build();
 * Scorecard card = linter.lint(Drafts.parse(Path.of("draft.eml")));
 * }</pre>
 *
 * <p>Build one and reuse it: a {@code Linter} is immutable and thread-safe.
 *
 * <h2>Rules that are not built in</h2>
 *
 * <p>Built-in rules run on the calling thread. Every other rule (plugins, rules written in the
 * configuration, rules added with {@link Builder#rule(Rule)}) runs on a worker thread, meanwhile,
 * each under a time budget ({@link Builder#ruleTimeout(Duration)}, default {@link
 * #DEFAULT_RULE_TIMEOUT}). They run one after another on one worker, so a draft costs one hand-off
 * between threads however many there are, and a lint with <i>n</i> of them can take at most about
 * <i>n</i> budgets. A rule that throws or runs past its budget is left out and named in one {@link
 * Severity#INFO} finding of {@link Dimension#HYGIENE} that deducts nothing; the other rules'
 * results stand, and the rules after an overrunning one go on on a new worker.
 *
 * <p>Java cannot safely kill a thread: a rule past its budget is interrupted and abandoned. If it
 * ignores the interrupt it keeps its (daemon) thread and a processor busy until it returns by
 * itself; meanwhile later drafts skip that rule (with the same kind of finding) instead of starting
 * it again, so a runaway rule holds at most one thread per concurrent lint, never one per draft.
 * Running plugins in a separate process would contain them completely, at the cost of a process per
 * lint; Rapport does not, so load only plugins you trust: the budget guards against bugs, not
 * against malice.
 */
public final class Linter {

  /** Built-in rule ids: upper case, digits, underscores. */
  static final Pattern BUILT_IN_ID = Pattern.compile("^[A-Z][A-Z0-9_]+$");

  /** Plugin rule ids: the plugin's name, a dot, then the rule's own id. */
  static final Pattern PLUGIN_ID = Pattern.compile("^[A-Z][A-Z0-9_]*\\.[A-Z][A-Z0-9_]+$");

  /** The time a rule that is not built in may take per draft unless configured otherwise. */
  public static final Duration DEFAULT_RULE_TIMEOUT = Duration.ofMillis(500);

  private static final Duration MIN_RULE_TIMEOUT = Duration.ofMillis(1);
  private static final Duration MAX_RULE_TIMEOUT = Duration.ofMinutes(10);

  /** The namespace of rules written in the configuration file; no plugin may use it. */
  static final String CONFIG_NAMESPACE = "CONFIG";

  /** Default weights of the four scored dimensions in the overall score. */
  public static final Map<Dimension, Integer> DEFAULT_WEIGHTS =
      Map.of(
          Dimension.BREVITY,
          25,
          Dimension.SPECIFICITY,
          30,
          Dimension.PERSONALIZATION,
          25,
          Dimension.VISA_TRANSPARENCY,
          20);

  /**
   * A rule as this linter runs it.
   *
   * @param rule the rule
   * @param severity its severity after configuration
   * @param options its option values after configuration
   * @param origin where it came from: {@code built-in}, {@code config}, or the plugin's name
   */
  public record ActiveRule(Rule rule, Severity severity, RuleOptions options, String origin) {}

  /**
   * How one active rule runs. {@code overdue} counts its runs that went past the budget and are
   * still going: while it is above zero the rule is skipped instead of started again.
   */
  private record Runner(
      ActiveRule active, String id, Dimension dimension, boolean budgeted, AtomicInteger overdue) {}

  // States of one budgeted run, so that the lint and the worker agree on who settles it.
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int LATE = 3;
  private static final int ABANDONED = 4;

  private final List<ActiveRule> rules;
  private final List<Runner> runners;
  private final List<Runner> budgeted;
  private final SenderProfile profile;
  private final Map<String, Contact> contacts;
  private final Map<Dimension, Integer> weights;
  private final Clock clock;
  private final Duration ruleTimeout;
  private final @Nullable Executor executor;
  private final @Nullable ActModel actModel;
  private final boolean fitted;

  private Linter(Builder b, List<Runner> runners) {
    this.runners = List.copyOf(runners);
    this.budgeted = runners.stream().filter(Runner::budgeted).toList();
    this.rules = runners.stream().map(Runner::active).toList();
    this.profile = b.profile == null ? SenderProfile.UNKNOWN : b.profile;
    this.contacts = Map.copyOf(b.contacts);
    EnumMap<Dimension, Integer> w = new EnumMap<>(Dimension.class);
    w.putAll(DEFAULT_WEIGHTS);
    w.putAll(b.weights);
    this.weights = java.util.Collections.unmodifiableMap(w);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.ruleTimeout = b.ruleTimeout == null ? DEFAULT_RULE_TIMEOUT : b.ruleTimeout;
    this.executor = b.executor != null ? b.executor : budgeted.isEmpty() ? null : ruleThreads();
    this.actModel = b.actModel;
    this.fitted = !b.unfitted;
  }

  /**
   * Threads for rules that are not built in: created on demand, daemons (a rule that never returns
   * must not keep the JVM alive), and gone after a short idle time, so an unused linter holds none.
   */
  private static Executor ruleThreads() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> {
          Thread t = new Thread(task, "rapport-rule-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Returns a linter with the built-in rules and their defaults. */
  public static Linter standard() {
    return builder().build();
  }

  /** Returns a builder, preloaded with the built-in rules. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the rules this linter runs, in order. */
  public List<ActiveRule> rules() {
    return rules;
  }

  /** Returns the sender profile drafts are checked against. */
  public SenderProfile profile() {
    return profile;
  }

  /** Returns the time a rule that is not built in may take per draft. */
  public Duration ruleTimeout() {
    return ruleTimeout;
  }

  /** Returns the weight of each scored dimension in the overall score. */
  public Map<Dimension, Integer> weights() {
    return weights;
  }

  /** Lints a draft without thread context. */
  public Scorecard lint(Draft draft) {
    return lint(draft, null);
  }

  /**
   * Lints a draft.
   *
   * @param thread what the mailbox says of the draft's thread, or {@code null} if not known
   */
  public Scorecard lint(Draft draft, @Nullable ThreadContext thread) {
    return lint(draft, thread, profile);
  }

  /** Lints a draft with a profile other than the configured one (for rule examples). */
  Scorecard lint(Draft draft, @Nullable ThreadContext thread, SenderProfile profile) {
    Objects.requireNonNull(draft, "draft");
    List<Contact> recipients = new ArrayList<>();
    for (var a : draft.to()) {
      Contact c = contacts.get(a.email());
      if (c != null) {
        recipients.add(c);
      }
    }
    for (var a : draft.cc()) {
      Contact c = contacts.get(a.email());
      if (c != null) {
        recipients.add(c);
      }
    }
    LintContext base =
        new LintContext(draft, profile, thread, recipients, clock.instant(), actModel);
    List<Finding> findings = new ArrayList<>();
    EnumSet<Dimension> applicable = EnumSet.noneOf(Dimension.class);
    // Rules that are not built in start first, on a worker, so they run while the built-ins do.
    Batch batch = budgeted.isEmpty() ? null : startBatch(base, draft, findings);
    for (Runner runner : runners) {
      if (!runner.budgeted()) {
        LintContext context = base.forRule(runner.active().options());
        runInline(runner, context, draft, findings);
        if (applies(runner, context)) {
          applicable.add(runner.dimension());
        }
      } else {
        applicable.add(runner.dimension()); // rules from outside are taken to apply
      }
    }
    if (batch != null) {
      finish(batch, findings);
    }
    // A message may ask not to be checked against a rule (X-Rapport-Ignore): a false positive costs
    // nothing.
    findings.removeIf(f -> draft.ignoredRules().contains(f.rule()));
    findings.sort(
        Comparator.comparing((Finding f) -> f.span().field())
            .reversed()
            .thenComparingInt(f -> f.span().start())
            .thenComparing(Finding::rule));
    for (Finding f : findings) {
      applicable.add(f.dimension());
    }
    return score(draft.source(), findings, applicable);
  }

  private static boolean applies(Runner runner, LintContext context) {
    try {
      return runner.active().rule().appliesTo(context);
    } catch (RuntimeException | StackOverflowError e) {
      return true;
    }
  }

  private Reporter reporter(Runner runner, Draft draft, List<Finding> out) {
    Severity severity = runner.active().severity();
    boolean builtIn = fitted && runner.active().origin().equals("built-in");
    return (span, message, suggestion, deduction) -> {
      Objects.requireNonNull(span, "span");
      out.add(
          new Finding(
              runner.id(),
              severity,
              runner.dimension(),
              clamp(span, draft),
              position(draft, span),
              Objects.requireNonNull(message, "message"),
              suggestion == null ? "" : suggestion,
              Math.max(
                  0,
                  Math.min(
                      100, builtIn ? BuiltInRules.fitted(runner.id(), deduction) : deduction))));
    };
  }

  private void runInline(Runner runner, LintContext context, Draft draft, List<Finding> out) {
    List<Finding> mine = new ArrayList<>();
    try {
      runner.active().rule().check(context, reporter(runner, draft, mine));
      out.addAll(mine);
    } catch (RuntimeException | StackOverflowError e) {
      // A broken rule never breaks the lint: it is named, its results are left out, the rest stand.
      out.add(failed(runner, e));
    }
  }

  /**
   * The rules that are not built in, for one draft, and what became of each. They run in order on
   * one worker (one hand-off per draft, not per rule); when one overruns, the worker is abandoned
   * with it and a new one takes the rest. {@code state[i]} settles who owns rule {@code i}: the
   * worker moves it NEW → RUNNING → DONE, the lint thread RUNNING → LATE or NEW → ABANDONED.
   */
  private final class Batch {
    final List<Runner> rules;
    final LintContext base;
    final Draft draft;
    final AtomicInteger[] state;

    /**
     * When the worker started each rule ({@link System#nanoTime}); written before state becomes
     * RUNNING.
     */
    final long[] started;

    /** Each rule's findings, or what it threw; written before state becomes DONE. */
    final Object[] results;

    final ReentrantLock lock = new ReentrantLock();
    final Condition done = lock.newCondition();
    @Nullable FutureTask<Void> worker;
    int next;

    Batch(List<Runner> rules, LintContext base, Draft draft) {
      this.rules = rules;
      this.base = base;
      this.draft = draft;
      this.state = new AtomicInteger[rules.size()];
      for (int i = 0; i < state.length; i++) {
        state[i] = new AtomicInteger(NEW);
      }
      this.started = new long[rules.size()];
      this.results = new Object[rules.size()];
    }

    /**
     * The worker's loop: runs rules from {@code from} until one is taken from it or all are done.
     */
    void run(int from) {
      for (int i = from; i < rules.size(); i++) {
        Runner r = rules.get(i);
        started[i] = System.nanoTime();
        if (!state[i].compareAndSet(NEW, RUNNING)) {
          return; // the lint gave up on it before we got here, and went on without us
        }
        List<Finding> mine = new ArrayList<>();
        Object result;
        try {
          r.active().rule().check(base.forRule(r.active().options()), reporter(r, draft, mine));
          result = mine;
        } catch (
            Throwable t) { // whatever a plugin throws is the plugin's failure, reported as such
          result = t;
        }
        results[i] = result;
        lock.lock();
        try {
          if (!state[i].compareAndSet(RUNNING, DONE)) {
            r.overdue()
                .decrementAndGet(); // it was LATE: the lint went on; it has now let its thread go
            return;
          }
          done.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * Starts the rules that are not built in on a worker; rules still overdue from earlier drafts are
   * skipped.
   */
  private Batch startBatch(LintContext base, Draft draft, List<Finding> out) {
    List<Runner> todo = new ArrayList<>();
    for (Runner r : budgeted) {
      if (r.overdue().get() > 0) {
        out.add(
            internal(
                r,
                "was skipped: it is still running on an earlier draft, past its "
                    + ruleTimeout.toMillis()
                    + " ms budget.",
                "Remove or fix the rule's plugin; the other rules' results are complete."));
      } else {
        todo.add(r);
      }
    }
    Batch batch = new Batch(todo, base, draft);
    startWorker(batch, out);
    return batch;
  }

  private void startWorker(Batch batch, List<Finding> out) {
    int from = batch.next;
    if (from >= batch.rules.size()) {
      return;
    }
    if (Thread.currentThread().isInterrupted()) {
      giveUp(batch, out, "was not run: the lint was interrupted.", "Lint the draft again.");
      return;
    }
    FutureTask<Void> task = new FutureTask<>(() -> batch.run(from), null);
    try {
      executor().execute(task);
      batch.worker = task;
    } catch (RejectedExecutionException e) {
      giveUp(
          batch,
          out,
          "could not be started (" + describe(e) + "); its findings are left out.",
          "Check the executor given to Linter.Builder#executor; the other rules' results are complete.");
    }
  }

  /** Reports every rule not yet settled as not run, and settles them so no worker starts them. */
  private static void giveUp(Batch batch, List<Finding> out, String what, String suggestion) {
    for (int i = batch.next; i < batch.rules.size(); i++) {
      batch.state[i].set(ABANDONED);
      out.add(internal(batch.rules.get(i), what, suggestion));
    }
    batch.next = batch.rules.size();
  }

  /** Waits for each rule of the batch in turn, within its budget, and collects what it found. */
  private void finish(Batch batch, List<Finding> out) {
    long budget = ruleTimeout.toNanos();
    while (batch.next < batch.rules.size()) {
      int i = batch.next;
      Runner r = batch.rules.get(i);
      String why = null;
      long waitStart = System.nanoTime();
      batch.lock.lock();
      try {
        while (batch.state[i].get() != DONE) {
          int st = batch.state[i].get();
          // A rule's budget runs from when the worker started it; one not started yet gets a budget
          // from now, for the worker to get there.
          long from = st == RUNNING || st == DONE ? batch.started[i] : waitStart;
          long left = from + budget - System.nanoTime();
          if (left <= 0) {
            why =
                "did not finish within its "
                    + ruleTimeout.toMillis()
                    + " ms budget; its findings are left out.";
            break;
          }
          batch.done.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        why = "was stopped because the lint was interrupted; its findings are left out.";
      } finally {
        batch.lock.unlock();
      }
      batch.next = i + 1;
      if (why == null) {
        collect(batch, i, out);
        continue;
      }
      // Counted before the state changes, so the worker's decrement can never come first.
      r.overdue().incrementAndGet();
      FutureTask<Void> worker = Objects.requireNonNull(batch.worker, "worker");
      if (batch.state[i].compareAndSet(RUNNING, LATE)) {
        worker.cancel(
            true); // a rule that checks for interruption stops; one that does not is abandoned
      } else if (batch.state[i].compareAndSet(NEW, ABANDONED)) {
        r.overdue().decrementAndGet();
        worker.cancel(false); // never got to it: the worker stops there by itself
      } else {
        r.overdue().decrementAndGet();
        collect(batch, i, out); // it finished at the deadline: its results are good
        continue;
      }
      out.add(
          internal(
              r,
              why,
              "If it keeps happening, raise lint.ruleTimeoutMillis or report it to the rule's author; the other rules' results are complete."));
      startWorker(batch, out);
    }
  }

  private static void collect(Batch batch, int i, List<Finding> out) {
    Object result = batch.results[i];
    if (result instanceof Throwable t) {
      out.add(failed(batch.rules.get(i), t));
    } else {
      @SuppressWarnings("unchecked")
      List<Finding> found = (List<Finding>) Objects.requireNonNull(result, "result");
      out.addAll(found);
    }
  }

  private Executor executor() {
    return Objects.requireNonNull(executor, "executor");
  }

  private static Finding failed(Runner runner, Throwable e) {
    return internal(
        runner,
        "failed (" + describe(e) + "); its findings are left out.",
        "Report this to the rule's author; the other rules' results are complete.");
  }

  /** A finding about a rule rather than the draft: informational, costs nothing. */
  private static Finding internal(Runner runner, String what, String suggestion) {
    return new Finding(
        runner.id(),
        Severity.INFO,
        Dimension.HYGIENE,
        Span.at(0),
        SourcePosition.START,
        "Rule " + runner.id() + " " + what,
        suggestion,
        0);
  }

  static String describe(Throwable e) {
    return e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + Text.oneLine(e.getMessage(), 200, ""));
  }

  private static Span clamp(Span span, Draft draft) {
    int len = span.field() == Span.Field.SUBJECT ? draft.subject().length() : draft.text().length();
    int start = Math.min(span.start(), len);
    return new Span(span.field(), start, Math.max(start, Math.min(span.end(), len)));
  }

  private static SourcePosition position(Draft draft, Span span) {
    if (span.field() == Span.Field.SUBJECT) {
      SourcePosition p = draft.subjectPosition();
      int column =
          p.column()
              + draft.subject().codePointCount(0, Math.min(span.start(), draft.subject().length()));
      return new SourcePosition(p.line(), column);
    }
    return draft.position(Math.min(span.start(), draft.text().length()));
  }

  /**
   * Scores the findings: each dimension is 100 minus its findings' deductions, and the overall
   * score is 100 minus every finding's deduction, those of a scored dimension scaled by that
   * dimension's weight against its default (so with default weights a finding costs the overall
   * exactly its deduction). The deductions are fitted on graded drafts so that the overall score
   * reads as a band: see {@link Scorecard.Band}.
   */
  private Scorecard score(String source, List<Finding> findings, Set<Dimension> applicable) {
    EnumMap<Dimension, Integer> deductions = new EnumMap<>(Dimension.class);
    double lost = 0;
    for (Finding f : findings) {
      deductions.merge(f.dimension(), f.deduction(), Integer::sum);
      lost += f.deduction() * scale(f.dimension());
    }
    EnumMap<Dimension, Integer> scores = new EnumMap<>(Dimension.class);
    EnumSet<Dimension> notApplicable = EnumSet.noneOf(Dimension.class);
    for (Dimension d : Dimension.values()) {
      if (!d.isScored()) {
        continue;
      }
      scores.put(d, Math.max(0, 100 - deductions.getOrDefault(d, 0)));
      if (!applicable.contains(d)) {
        notApplicable.add(d);
      }
    }
    int overall = (int) Math.round(100 - lost);
    return new Scorecard(
        source, Math.max(0, Math.min(100, overall)), scores, findings, notApplicable);
  }

  /**
   * Returns how much a deduction of the dimension counts in the overall score: its weight against
   * the default weight.
   */
  private double scale(Dimension d) {
    if (!d.isScored()) {
      return 1;
    }
    int standard = DEFAULT_WEIGHTS.get(d);
    return (double) weights.getOrDefault(d, standard) / standard;
  }

  /**
   * Configures a {@link Linter}. Each rule may be configured once; ids that name no rule fail
   * {@link #build()} with a message naming them. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable SenderProfile profile;
    private @Nullable Clock clock;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<Dimension, Integer> weights = new EnumMap<>(Dimension.class);
    private final Set<String> disabled = new HashSet<>();
    private final Set<String> enabled = new HashSet<>();
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> options = new LinkedHashMap<>();
    private final List<Rule> extra = new ArrayList<>();
    private final Map<Rule, String> origins = new java.util.IdentityHashMap<>();
    private final Set<Path> pluginJars = new HashSet<>();
    private @Nullable Duration ruleTimeout;
    private @Nullable Executor executor;
    private @Nullable ActModel actModel;
    private boolean unfitted;
    private boolean builtIns = true;
    private @Nullable Set<String> builtInIds;

    private Builder() {}

    /** Reports the built-in rules' own deductions, not the fitted ones (for fitting them). */
    Builder unfitted() {
      this.unfitted = true;
      return this;
    }

    /**
     * Reads sentences with another act model than the built-in one (for the corpus's
     * cross-validation).
     */
    Builder actModel(ActModel model) {
      if (this.actModel != null) {
        throw new IllegalStateException("actModel was already set");
      }
      this.actModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the sender profile that status statements are checked against.
     *
     * @throws IllegalStateException if already set
     */
    public Builder profile(SenderProfile profile) {
      if (this.profile != null) {
        throw new IllegalStateException("profile was already set");
      }
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the clock that dates a lint (for thread timing rules).
     *
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long a rule that is not built in may take on one draft before it is abandoned and
     * reported as an internal finding (default {@link Linter#DEFAULT_RULE_TIMEOUT}).
     *
     * @throws IllegalArgumentException if not between 1 ms and 10 minutes
     * @throws IllegalStateException if already set
     */
    public Builder ruleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (this.ruleTimeout != null) {
        throw new IllegalStateException("rule timeout was already set");
      }
      if (timeout.compareTo(MIN_RULE_TIMEOUT) < 0 || timeout.compareTo(MAX_RULE_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "rule timeout must be between 1 ms and 10 minutes, not " + timeout.toMillis() + " ms");
      }
      this.ruleTimeout = timeout;
      return this;
    }

    /**
     * Sets where rules that are not built in run (default: a pool of daemon threads created on
     * demand). Each run needs a thread of its own at once: a queueing executor counts queue time
     * against the rule's budget.
     *
     * @throws IllegalStateException if already set
     */
    public Builder executor(Executor executor) {
      if (this.executor != null) {
        throw new IllegalStateException("executor was already set");
      }
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Adds what is known of recipients: their names, titles and work are checked in drafts to them.
     */
    public Builder contacts(Collection<Contact> known) {
      for (Contact c : known) {
        contacts.put(c.email(), c);
      }
      return this;
    }

    /**
     * Sets a scored dimension's weight (0–100): its findings' deductions count in the overall score
     * in proportion to it, at their face value with the {@linkplain #DEFAULT_WEIGHTS default
     * weight}.
     *
     * @throws IllegalStateException if that dimension's weight was already set
     */
    public Builder weight(Dimension dimension, int weight) {
      if (!dimension.isScored()) {
        throw new IllegalArgumentException(
            dimension.key() + " has no weight: it is not a scored dimension");
      }
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException(
            "weight of " + dimension.key() + " must be 0..100, not " + weight);
      }
      if (weights.putIfAbsent(dimension, weight) != null) {
        throw new IllegalStateException("the weight of " + dimension.key() + " was already set");
      }
      return this;
    }

    /** Switches a rule off. */
    public Builder disable(String ruleId) {
      disabled.add(key(ruleId));
      return this;
    }

    /** Switches a rule on that a previous call (or configuration) switched off. */
    public Builder enable(String ruleId) {
      disabled.remove(key(ruleId));
      enabled.add(key(ruleId));
      return this;
    }

    /**
     * Re-grades a rule's findings.
     *
     * @throws IllegalStateException if that rule's severity was already set
     */
    public Builder severity(String ruleId, Severity severity) {
      if (severities.putIfAbsent(key(ruleId), Objects.requireNonNull(severity, "severity"))
          != null) {
        throw new IllegalStateException("the severity of " + key(ruleId) + " was already set");
      }
      return this;
    }

    /**
     * Sets one of a rule's options; checked against the rule's declared bounds by {@link #build()}.
     *
     * @throws IllegalStateException if that option of that rule was already set
     */
    public Builder option(String ruleId, String name, Object value) {
      Map<String, Object> of = options.computeIfAbsent(key(ruleId), k -> new LinkedHashMap<>());
      if (of.putIfAbsent(
              Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"))
          != null) {
        throw new IllegalStateException(
            "option " + name + " of " + key(ruleId) + " was already set");
      }
      return this;
    }

    /** Adds a rule of the caller's own. */
    public Builder rule(Rule rule) {
      return rule(rule, "custom");
    }

    /** Adds a rule, saying where it came from (shown by {@code rapport rules}). */
    public Builder rule(Rule rule, String origin) {
      Objects.requireNonNull(rule, "rule");
      extra.add(rule);
      origins.put(rule, Objects.requireNonNull(origin, "origin"));
      return this;
    }

    /**
     * Adds the rules that plugins on a class path or module layer declare as services of {@link
     * Rule}. Plugins are opt-in: nothing is loaded unless this is called.
     *
     * @throws IllegalArgumentException if a plugin cannot be loaded, or a rule's id is malformed or
     *     already taken, naming it
     */
    public Builder plugins(ClassLoader loader) {
      List<Rule> found = new ArrayList<>();
      try {
        for (Rule r : ServiceLoader.load(Rule.class, loader)) {
          found.add(r);
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new IllegalArgumentException(
            "cannot load a rule plugin: " + PluginJars.explain(e), e);
      }
      List<Rule> checked = new ArrayList<>();
      for (Rule r : found) {
        checkPluginRule(r, pluginName(r), "cannot load a rule plugin", checked);
      }
      checked.forEach(r -> rule(r, pluginName(r)));
      return this;
    }

    /**
     * Adds the rules that plugin modules of a module layer provide; see {@link
     * #plugins(ClassLoader)}.
     */
    public Builder plugins(ModuleLayer layer) {
      List<Rule> found = new ArrayList<>();
      try {
        for (Rule r : ServiceLoader.load(layer, Rule.class)) {
          found.add(r);
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new IllegalArgumentException(
            "cannot load a rule plugin: " + PluginJars.explain(e), e);
      }
      List<Rule> checked = new ArrayList<>();
      for (Rule r : found) {
        checkPluginRule(r, pluginName(r), "cannot load a rule plugin", checked);
      }
      checked.forEach(r -> rule(r, pluginName(r)));
      return this;
    }

    /**
     * Loads a plugin: a jar, or a folder whose every {@code *.jar} belongs to one plugin (its rules
     * and their dependencies). The jars get a class loader of their own; jars with a {@code
     * module-info} ({@code provides dev.rapport.lint.Rule with ...}) are also defined as a module
     * layer, jars without one are read through {@code META-INF/services/dev.rapport.lint.Rule}. A
     * jar already loaded by an earlier call is not loaded again. The rules' ids are checked at
     * once: namespaced ({@code PLUGIN.RULE_ID}), not {@code CONFIG.*}, not taken.
     *
     * @throws IllegalArgumentException with a one-line message naming the path, if it cannot be
     *     read, declares no rules, or a rule cannot be created or has a bad or taken id
     */
    public Builder plugins(Path jarOrFolder) {
      Objects.requireNonNull(jarOrFolder, "jarOrFolder");
      PluginJars.Loaded loaded = PluginJars.load(jarOrFolder, pluginJars);
      String what = "cannot load plugin " + jarOrFolder;
      String origin = "plugin " + loaded.name();
      List<Rule> checked = new ArrayList<>();
      for (Rule r : loaded.rules()) {
        checkPluginRule(r, origin, what, checked);
      }
      // All or nothing: a plugin with one bad rule adds none.
      checked.forEach(r -> rule(r, origin));
      pluginJars.addAll(loaded.jars());
      return this;
    }

    /**
     * Checks a plugin's rule now, so a clash is reported as the plugin's fault, against the rules
     * added so far and the plugin's rules already checked; adds it to {@code checked}.
     */
    private void checkPluginRule(Rule r, String origin, String what, List<Rule> checked) {
      String cls = r.getClass().getName();
      String id;
      try {
        id = r.id();
        if (r.dimension() == null
            || r.defaultSeverity() == null
            || r.description() == null
            || r.options() == null) {
          throw new IllegalArgumentException(
              "its dimension, severity, description or options are null");
        }
        r.options().forEach(o -> Objects.requireNonNull(o, "option"));
      } catch (RuntimeException | LinkageError e) {
        throw new IllegalArgumentException(
            what + ": rule " + cls + " cannot describe itself (" + describe(e) + ")", e);
      }
      if (id != null && builtInIds().contains(id)) {
        throw new IllegalArgumentException(
            what
                + ": rule id "
                + id
                + " ("
                + cls
                + ") is taken by a built-in rule; plugin rule ids look like PLUGIN.RULE_ID, such as ACME."
                + id);
      }
      if (id == null || !PLUGIN_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            what
                + ": malformed rule id '"
                + id
                + "' ("
                + cls
                + "): plugin rule ids look like PLUGIN.RULE_ID, such as ACME.NO_EMOJI");
      }
      String namespace = id.substring(0, id.indexOf('.'));
      if (namespace.equals(CONFIG_NAMESPACE)) {
        throw new IllegalArgumentException(
            what
                + ": rule id "
                + id
                + " ("
                + cls
                + ") uses the namespace "
                + CONFIG_NAMESPACE
                + ", which is kept for rules written in the configuration file");
      }
      List<Rule> others = new ArrayList<>(extra);
      others.addAll(checked);
      for (Rule other : others) {
        String otherOrigin = origins.getOrDefault(other, origin);
        String otherId = other.id();
        if (id.equals(otherId)) {
          throw new IllegalArgumentException(
              what
                  + ": rule id "
                  + id
                  + " ("
                  + cls
                  + ") is already taken by "
                  + other.getClass().getName()
                  + " ("
                  + otherOrigin
                  + ")");
        }
        if (otherOrigin.startsWith("plugin")
            && !otherOrigin.equals(origin)
            && otherId.startsWith(namespace + ".")) {
          throw new IllegalArgumentException(
              what
                  + ": its rule "
                  + id
                  + " uses the namespace "
                  + namespace
                  + ", which "
                  + otherOrigin
                  + " already uses: each plugin needs a namespace of its own");
        }
      }
      checked.add(r);
    }

    /** Leaves out the built-in rules: only rules added with {@link #rule(Rule)} or plugins run. */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
    }

    private Set<String> builtInIds() {
      if (builtInIds == null) {
        builtInIds = new HashSet<>();
        BuiltInRules.all().forEach(r -> builtInIds.add(r.id()));
      }
      return builtInIds;
    }

    private static String pluginName(Rule r) {
      String id = r.id();
      int dot = id.indexOf('.');
      return dot > 0 ? "plugin " + id.substring(0, dot).toLowerCase(Locale.ROOT) : "plugin";
    }

    private static String key(String ruleId) {
      return Objects.requireNonNull(ruleId, "ruleId").strip().toUpperCase(Locale.ROOT);
    }

    /**
     * Builds the linter.
     *
     * @throws IllegalArgumentException if two rules share an id, an id is malformed, or
     *     configuration names a rule or option that does not exist or a value out of bounds
     */
    public Linter build() {
      Map<String, Rule> byId = new LinkedHashMap<>();
      Map<String, String> originOf = new LinkedHashMap<>();
      List<Rule> all = new ArrayList<>();
      if (builtIns) {
        all.addAll(BuiltInRules.all());
      }
      all.addAll(extra);
      for (Rule r : all) {
        String id = Objects.requireNonNull(r.id(), "rule id of " + r.getClass().getName());
        String origin = origins.getOrDefault(r, "built-in");
        boolean plugin = origin.startsWith("plugin");
        if (!(BUILT_IN_ID.matcher(id).matches()
            || (!origin.equals("built-in") && PLUGIN_ID.matcher(id).matches()))) {
          throw new IllegalArgumentException(
              "malformed rule id '"
                  + id
                  + "' ("
                  + r.getClass().getName()
                  + ")"
                  + (plugin
                      ? ": plugin rule ids look like PLUGIN.RULE_ID"
                      : ": rule ids look like RULE_ID"));
        }
        if (plugin && !PLUGIN_ID.matcher(id).matches()) {
          throw new IllegalArgumentException(
              "plugin rule id '"
                  + id
                  + "' ("
                  + r.getClass().getName()
                  + ") must be namespaced, like MYPLUGIN."
                  + id);
        }
        Rule clash = byId.putIfAbsent(id, r);
        if (clash != null) {
          throw new IllegalArgumentException(
              "two rules share the id "
                  + id
                  + ": "
                  + clash.getClass().getName()
                  + " ("
                  + originOf.get(id)
                  + ") and "
                  + r.getClass().getName()
                  + " ("
                  + origin
                  + ")");
        }
        originOf.put(id, origin);
      }
      Set<String> named = new HashSet<>();
      named.addAll(disabled);
      named.addAll(enabled);
      named.addAll(severities.keySet());
      named.addAll(options.keySet());
      for (String id : named) {
        if (!byId.containsKey(id)) {
          throw new IllegalArgumentException(
              "unknown rule '" + id + "' (`rapport rules` lists them)");
        }
      }
      List<Runner> active = new ArrayList<>();
      for (Map.Entry<String, Rule> e : byId.entrySet()) {
        String id = e.getKey();
        Rule r = e.getValue();
        RuleOptions values = new RuleOptions(id, r.options(), options.getOrDefault(id, Map.of()));
        if (disabled.contains(id)) {
          continue;
        }
        ActiveRule a =
            new ActiveRule(
                r, severities.getOrDefault(id, r.defaultSeverity()), values, originOf.get(id));
        // Only Rapport's own rules are trusted to run on the caller's thread.
        active.add(
            new Runner(
                a,
                id,
                Objects.requireNonNull(r.dimension(), "dimension of " + id),
                origins.containsKey(r),
                new AtomicInteger()));
      }
      return new Linter(this, active);
    }
  }
}
