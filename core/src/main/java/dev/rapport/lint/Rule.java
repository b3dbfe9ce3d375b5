package dev.rapport.lint;

import java.util.List;

/**
 * A check on a draft: the unit Rapport's scorecard is made of, and the interface a plugin
 * implements to add its own.
 *
 * <p>A rule has a stable {@linkplain #id() id}, judges one {@linkplain #dimension() dimension},
 * declares its {@linkplain #options() options} with their bounds, and carries its own {@linkplain
 * #examples() good and bad examples}, which one generic test runs. Rules must be stateless and
 * thread-safe: one instance checks many drafts, from many threads at once.
 *
 * <p>Plugins declare their rules as services ({@code META-INF/services/dev.rapport.lint.Rule}, or
 * {@code provides dev.rapport.lint.Rule with ...} in {@code module-info.java}); see {@link
 * Linter.Builder#plugins(ClassLoader)}.
 */
public interface Rule {

  /**
   * Returns the stable id: upper case, digits and underscores, such as {@code VAGUE_ASK}. A
   * plugin's rule ids carry the plugin's name before a dot: {@code ACME.NO_EMOJI}.
   */
  String id();

  /** Returns the dimension this rule's findings count against. */
  Dimension dimension();

  /** Returns the severity of its findings unless configuration says otherwise. */
  default Severity defaultSeverity() {
    return Severity.WARNING;
  }

  /** Returns a one-line description of what the rule checks, for {@code rapport rules}. */
  String description();

  /** Returns the options the rule understands, with defaults and bounds. */
  default List<RuleOption> options() {
    return List.of();
  }

  /** Returns drafts the rule must flag and drafts it must leave alone. */
  List<RuleExample> examples();

  /**
   * Returns whether this draft is something the rule judges at all. A scored dimension none of
   * whose rules applies (the visa rules, say, when nothing about a training position is asked) is
   * shown as 100 and left out of the overall score, instead of inflating it.
   *
   * @param context the same context {@link #check} gets
   */
  default boolean appliesTo(LintContext context) {
    return true;
  }

  /**
   * Checks one draft and reports what it finds.
   *
   * @param context the draft, its analysis, the sender's profile and this rule's option values
   * @param reporter where findings go
   */
  void check(LintContext context, Reporter reporter);
}
