package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.track.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a rule may look at while checking one draft. Created by the {@link Linter} for each
 * draft. Thread-safe: rules that are not built in read it from a worker thread while the built-ins
 * run, and facts computed once per draft ({@link #asks()}, {@link #memo}) are shared safely.
 */
public final class LintContext {

  private final Draft draft;
  private final SenderProfile profile;
  private final @Nullable ThreadContext thread;
  private final List<Contact> recipients;
  private final Instant now;
  private final Prose prose;
  private final RuleOptions options;
  // Shared by the per-rule copies of one draft's context (on the lint thread and the rule worker),
  // so derived facts are computed once per draft. Two threads may race to compute the same fact;
  // both get the value stored first, and the values are immutable.
  private final Shared shared;

  private static final class Shared {
    final @Nullable ActModel model;

    Shared(@Nullable ActModel model) {
      this.model = model;
    }

    volatile @Nullable List<AskDetector.Ask> asks;
    volatile @Nullable List<SentenceActs> sentences;
    final Map<Object, Object> memo = new ConcurrentHashMap<>();
  }

  LintContext(
      Draft draft,
      SenderProfile profile,
      @Nullable ThreadContext thread,
      List<Contact> recipients,
      Instant now,
      @Nullable ActModel model) {
    this(
        draft,
        profile,
        thread,
        List.copyOf(recipients),
        now,
        new Prose(draft),
        null,
        new Shared(model));
  }

  private LintContext(
      Draft draft,
      SenderProfile profile,
      @Nullable ThreadContext thread,
      List<Contact> recipients,
      Instant now,
      Prose prose,
      @Nullable RuleOptions options,
      Shared shared) {
    this.draft = draft;
    this.profile = profile;
    this.thread = thread;
    this.recipients = recipients;
    this.now = now;
    this.prose = prose;
    this.options = options == null ? new RuleOptions("", List.of(), java.util.Map.of()) : options;
    this.shared = shared;
  }

  /** Returns the same context with a rule's option values. */
  LintContext forRule(RuleOptions ruleOptions) {
    return new LintContext(draft, profile, thread, recipients, now, prose, ruleOptions, shared);
  }

  /** Returns the draft being checked. */
  public Draft draft() {
    return draft;
  }

  /** Returns the draft's words, sentences and paragraphs. */
  public Prose prose() {
    return prose;
  }

  /**
   * Returns the requests the body makes, as {@link AskDetector} finds them in {@link #prose()}'s
   * sentences; found once per draft.
   */
  public List<AskDetector.Ask> asks() {
    List<AskDetector.Ask> a = shared.asks;
    if (a == null) {
      a = AskDetector.find(draft.text(), prose.sentences());
      shared.asks = a;
    }
    return a;
  }

  /**
   * Returns the sentences of what the writer wrote now ({@link #prose()}'s sentences), each with
   * what the built-in act model reads in it: a request, pressure, a visa hedge, a reference to the
   * recipient's work… Read once per draft.
   */
  public List<SentenceActs> sentences() {
    List<SentenceActs> s = shared.sentences;
    if (s == null) {
      ActModel model = shared.model != null ? shared.model : ActModel.builtIn();
      String text = draft.text();
      List<SentenceActs> out = new java.util.ArrayList<>();
      for (Span span : prose.sentences()) {
        int end = Math.min(span.end(), span.start() + AskDetector.MAX_SENTENCE);
        out.add(model.read(text.substring(span.start(), end), span));
      }
      s = List.copyOf(out);
      shared.sentences = s;
    }
    return s;
  }

  /**
   * Returns a fact about the draft that several rules need, computed once per draft: the first rule
   * to ask computes it, the others share the result. {@code compute} must depend only on the draft,
   * profile, thread, recipients and clock, never on a rule's options, and return an immutable
   * value; {@code key} is compared with {@code equals} (use a private constant object).
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, Function<? super LintContext, ? extends T> compute) {
    Objects.requireNonNull(key, "key");
    Object v = shared.memo.get(key);
    if (v == null) {
      // Not computeIfAbsent: a computation may itself ask for other memoized facts.
      Object computed = Objects.requireNonNull(compute.apply(this), "computed value");
      Object earlier = shared.memo.putIfAbsent(key, computed);
      v = earlier != null ? earlier : computed;
    }
    return (T) v;
  }

  /** Returns the sender's profile ({@link SenderProfile#UNKNOWN} if none was configured). */
  public SenderProfile profile() {
    return profile;
  }

  /** Returns what the mailbox says of the thread, if the caller looked. */
  public Optional<ThreadContext> thread() {
    return Optional.ofNullable(thread);
  }

  /** Returns what the configuration knows of the draft's recipients (To: and Cc:), if anything. */
  public List<Contact> recipients() {
    return recipients;
  }

  /** Returns the moment the draft is checked at. */
  public Instant now() {
    return now;
  }

  /** Returns the running rule's option values. */
  public RuleOptions options() {
    return options;
  }

  /** Returns the text a body span covers. */
  public String text(Span span) {
    Objects.requireNonNull(span, "span");
    String source = span.field() == Span.Field.SUBJECT ? draft.subject() : draft.text();
    return source.substring(
        Math.min(span.start(), source.length()), Math.min(span.end(), source.length()));
  }
}
