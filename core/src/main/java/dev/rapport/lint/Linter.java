package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.draft.SourcePosition;
import dev.rapport.lint.rules.BuiltInRules;
import dev.rapport.track.Contact;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
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
 */
public final class Linter {

  /** Built-in rule ids: upper case, digits, underscores. */
  static final Pattern BUILT_IN_ID = Pattern.compile("^[A-Z][A-Z0-9_]+$");
  /** Plugin rule ids: the plugin's name, a dot, then the rule's own id. */
  static final Pattern PLUGIN_ID = Pattern.compile("^[A-Z][A-Z0-9_]*\\.[A-Z][A-Z0-9_]+$");

  /** Default weights of the four scored dimensions in the overall score. */
  public static final Map<Dimension, Integer> DEFAULT_WEIGHTS =
      Map.of(Dimension.BREVITY, 25, Dimension.SPECIFICITY, 30, Dimension.PERSONALIZATION, 25, Dimension.VISA_TRANSPARENCY, 20);

  /**
   * A rule as this linter runs it.
   *
   * @param rule the rule
   * @param severity its severity after configuration
   * @param options its option values after configuration
   * @param origin where it came from: {@code built-in}, {@code config}, or the plugin's name
   */
  public record ActiveRule(Rule rule, Severity severity, RuleOptions options, String origin) {}

  private final List<ActiveRule> rules;
  private final SenderProfile profile;
  private final Map<String, Contact> contacts;
  private final Map<Dimension, Integer> weights;
  private final Clock clock;

  private Linter(Builder b, List<ActiveRule> rules) {
    this.rules = List.copyOf(rules);
    this.profile = b.profile == null ? SenderProfile.UNKNOWN : b.profile;
    this.contacts = Map.copyOf(b.contacts);
    EnumMap<Dimension, Integer> w = new EnumMap<>(Dimension.class);
    w.putAll(DEFAULT_WEIGHTS);
    w.putAll(b.weights);
    this.weights = java.util.Collections.unmodifiableMap(w);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
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
    LintContext base = new LintContext(draft, profile, thread, recipients, clock.instant());
    List<Finding> findings = new ArrayList<>();
    for (ActiveRule active : rules) {
      runRule(active, base.forRule(active.options()), draft, findings);
    }
    findings.sort(
        Comparator.comparing((Finding f) -> f.span().field())
            .reversed()
            .thenComparingInt(f -> f.span().start())
            .thenComparing(Finding::rule));
    return score(draft.source(), findings);
  }

  private void runRule(ActiveRule active, LintContext context, Draft draft, List<Finding> out) {
    Rule rule = active.rule();
    List<Finding> mine = new ArrayList<>();
    Reporter reporter =
        (span, message, suggestion, deduction) -> {
          Objects.requireNonNull(span, "span");
          mine.add(
              new Finding(
                  rule.id(),
                  active.severity(),
                  rule.dimension(),
                  clamp(span, draft),
                  position(draft, span),
                  Objects.requireNonNull(message, "message"),
                  suggestion == null ? "" : suggestion,
                  Math.max(0, Math.min(100, deduction))));
        };
    try {
      rule.check(context, reporter);
      out.addAll(mine);
    } catch (RuntimeException | StackOverflowError e) {
      // A broken rule never breaks the lint: it is named, its results are left out, the rest stand.
      out.add(
          new Finding(
              rule.id(),
              Severity.INFO,
              Dimension.HYGIENE,
              Span.at(0),
              SourcePosition.START,
              "Rule " + rule.id() + " failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + "); its findings are left out.",
              "Report this to the rule's author; the other rules' results are complete.",
              0));
    }
  }

  private static String oneLine(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }

  private static Span clamp(Span span, Draft draft) {
    int len = span.field() == Span.Field.SUBJECT ? draft.subject().length() : draft.text().length();
    int start = Math.min(span.start(), len);
    return new Span(span.field(), start, Math.max(start, Math.min(span.end(), len)));
  }

  private static SourcePosition position(Draft draft, Span span) {
    if (span.field() == Span.Field.SUBJECT) {
      SourcePosition p = draft.subjectPosition();
      int column = p.column() + draft.subject().codePointCount(0, Math.min(span.start(), draft.subject().length()));
      return new SourcePosition(p.line(), column);
    }
    return draft.position(Math.min(span.start(), draft.text().length()));
  }

  private Scorecard score(String source, List<Finding> findings) {
    EnumMap<Dimension, Integer> deductions = new EnumMap<>(Dimension.class);
    for (Finding f : findings) {
      deductions.merge(f.dimension(), f.deduction(), Integer::sum);
    }
    EnumMap<Dimension, Integer> scores = new EnumMap<>(Dimension.class);
    double weighted = 0;
    int totalWeight = 0;
    for (Dimension d : Dimension.values()) {
      if (!d.isScored()) {
        continue;
      }
      int s = Math.max(0, 100 - deductions.getOrDefault(d, 0));
      scores.put(d, s);
      int w = weights.getOrDefault(d, 0);
      weighted += (double) s * w;
      totalWeight += w;
    }
    double mean = totalWeight == 0 ? 100 : weighted / totalWeight;
    int overall = (int) Math.round(mean) - deductions.getOrDefault(Dimension.HYGIENE, 0);
    return new Scorecard(source, Math.max(0, Math.min(100, overall)), scores, findings);
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
    private boolean builtIns = true;

    private Builder() {}

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

    /** Adds what is known of recipients: their names, titles and work are checked in drafts to them. */
    public Builder contacts(Collection<Contact> known) {
      for (Contact c : known) {
        contacts.put(c.email(), c);
      }
      return this;
    }

    /** Sets a scored dimension's weight in the overall score (0–100). */
    public Builder weight(Dimension dimension, int weight) {
      if (!dimension.isScored()) {
        throw new IllegalArgumentException(dimension.key() + " has no weight: it is not a scored dimension");
      }
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException("weight of " + dimension.key() + " must be 0..100, not " + weight);
      }
      weights.put(dimension, weight);
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

    /** Re-grades a rule's findings. */
    public Builder severity(String ruleId, Severity severity) {
      severities.put(key(ruleId), Objects.requireNonNull(severity, "severity"));
      return this;
    }

    /** Sets one of a rule's options; checked against the rule's declared bounds by {@link #build()}. */
    public Builder option(String ruleId, String name, Object value) {
      options.computeIfAbsent(key(ruleId), k -> new LinkedHashMap<>()).put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
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
     * @throws IllegalArgumentException if a plugin cannot be loaded, naming it
     */
    public Builder plugins(ClassLoader loader) {
      try {
        for (Rule r : ServiceLoader.load(Rule.class, loader)) {
          rule(r, pluginName(r));
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("cannot load a rule plugin: " + oneLine(String.valueOf(e.getMessage())), e);
      }
      return this;
    }

    /** Adds the rules that plugin modules of a module layer provide. */
    public Builder plugins(ModuleLayer layer) {
      try {
        for (Rule r : ServiceLoader.load(layer, Rule.class)) {
          rule(r, pluginName(r));
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("cannot load a rule plugin: " + oneLine(String.valueOf(e.getMessage())), e);
      }
      return this;
    }

    /** Leaves out the built-in rules: only rules added with {@link #rule(Rule)} or plugins run. */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
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
        if (!(BUILT_IN_ID.matcher(id).matches() || (!origin.equals("built-in") && PLUGIN_ID.matcher(id).matches()))) {
          throw new IllegalArgumentException("malformed rule id '" + id + "' (" + r.getClass().getName() + ")"
              + (plugin ? ": plugin rule ids look like PLUGIN.RULE_ID" : ": rule ids look like RULE_ID"));
        }
        if (plugin && !PLUGIN_ID.matcher(id).matches()) {
          throw new IllegalArgumentException("plugin rule id '" + id + "' (" + r.getClass().getName() + ") must be namespaced, like MYPLUGIN." + id);
        }
        Rule clash = byId.putIfAbsent(id, r);
        if (clash != null) {
          throw new IllegalArgumentException(
              "two rules share the id " + id + ": " + clash.getClass().getName() + " (" + originOf.get(id) + ") and "
                  + r.getClass().getName() + " (" + origin + ")");
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
          throw new IllegalArgumentException("unknown rule '" + id + "' (`rapport rules` lists them)");
        }
      }
      List<ActiveRule> active = new ArrayList<>();
      for (Rule r : byId.values()) {
        RuleOptions values = new RuleOptions(r.id(), r.options(), options.getOrDefault(r.id(), Map.of()));
        if (disabled.contains(r.id())) {
          continue;
        }
        active.add(new ActiveRule(r, severities.getOrDefault(r.id(), r.defaultSeverity()), values, originOf.get(r.id())));
      }
      return new Linter(this, active);
    }
  }
}
