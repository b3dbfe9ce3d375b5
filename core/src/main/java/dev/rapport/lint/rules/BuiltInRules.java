package dev.rapport.lint.rules;

import dev.rapport.lint.Rule;
import java.util.List;

/** The rules Rapport ships with. Internal: the linter reads this list; users configure rules by id. */
public final class BuiltInRules {
  private BuiltInRules() {}

  /** Returns a new list of every built-in rule, in the order their findings are reported. */
  public static List<Rule> all() {
    return List.of(
        // Brevity
        new BodyLength(),
        // Hygiene
        new UnfilledPlaceholder());
  }
}
