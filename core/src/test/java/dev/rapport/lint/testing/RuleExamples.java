package dev.rapport.lint.testing;

import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a rule's own examples: each bad example must produce at least one finding of the rule, each
 * good example none. Published in {@code rapport-core}'s test jar for plugin authors:
 *
 * <pre>{@code
 * @Test void examplesHold() { RuleExamples.verify(new MyRule()); }
 * }</pre>
 *
 * <p>Throws {@link AssertionError}, so it works with any test framework. Thread-safe.
 */
public final class RuleExamples {
  private RuleExamples() {}

  private static final Pattern ID = Pattern.compile("^(?:[A-Z][A-Z0-9_]*\\.)?[A-Z][A-Z0-9_]+$");

  /**
   * Checks a rule's declaration (id, description, examples present) and runs every example.
   *
   * @throws AssertionError listing every example that did not hold
   */
  public static void verify(Rule rule) {
    List<String> problems = new ArrayList<>();
    if (rule.id() == null || !ID.matcher(rule.id()).matches()) {
      problems.add("id '" + rule.id() + "' is not of the form RULE_ID or PLUGIN.RULE_ID");
    }
    if (rule.description() == null || rule.description().isBlank()) {
      problems.add("has no description");
    }
    List<RuleExample> examples = rule.examples();
    if (examples.stream().noneMatch(RuleExample::flagged)) {
      problems.add("has no bad example (one it must flag)");
    }
    if (examples.stream().allMatch(RuleExample::flagged)) {
      problems.add("has no good example (one it must leave alone)");
    }
    for (int i = 0; i < examples.size(); i++) {
      RuleExample ex = examples.get(i);
      List<Finding> found;
      try {
        found = findings(rule, ex);
      } catch (DraftException e) {
        problems.add("example " + i + " is not a readable draft: " + e.getMessage());
        continue;
      } catch (AssertionError e) {
        problems.add("example " + i + ": " + e.getMessage() + "\n" + indent(ex.input()));
        continue;
      }
      if (ex.flagged() && found.isEmpty()) {
        problems.add("bad example " + i + " was not flagged:\n" + indent(ex.input()));
      } else if (!ex.flagged() && !found.isEmpty()) {
        problems.add(
            "good example "
                + i
                + " was flagged ("
                + found.get(0).message()
                + "):\n"
                + indent(ex.input()));
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(rule.id() + ": " + String.join("\n" + rule.id() + ": ", problems));
    }
  }

  /**
   * Lints one example with only this rule and returns the rule's findings.
   *
   * @throws AssertionError if the rule threw or ran past its (generous) time budget, rather than
   *     counting the linter's note about that as a finding
   */
  public static List<Finding> findings(Rule rule, RuleExample example) throws DraftException {
    Draft draft = Drafts.parse(example.input().getBytes(StandardCharsets.UTF_8), "example", null);
    // Examples test what a rule finds, not how fast: a cold JVM on a busy machine must not fail
    // them.
    Linter.Builder b =
        Linter.builder()
            .withoutBuiltIns()
            .ruleTimeout(Duration.ofMinutes(1))
            .rule(rule, "example")
            .contacts(example.contacts());
    SenderProfile profile = example.profile();
    if (profile != null) {
      b.profile(profile);
    }
    Scorecard card = b.build().lint(draft, example.thread());
    List<Finding> found = card.findings().stream().filter(f -> f.rule().equals(rule.id())).toList();
    for (Finding f : found) {
      if (isLintersNoteOnAFailure(f)) {
        throw new AssertionError(f.message());
      }
    }
    return found;
  }

  /**
   * The linter's own finding about a rule that threw or overran: info, free, "Rule ID ...", at 0.
   */
  private static boolean isLintersNoteOnAFailure(Finding f) {
    return f.severity() == Severity.INFO
        && f.dimension() == Dimension.HYGIENE
        && f.deduction() == 0
        && f.span().equals(Span.at(0))
        && f.message().startsWith("Rule " + f.rule() + " ");
  }

  private static String indent(String s) {
    return "    | " + s.replace("\n", "\n    | ");
  }
}
