package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.lint.testing.RuleExamples;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BuiltInRulesTest {

  private static List<Rule> builtIns() {
    return Linter.standard().rules().stream().map(Linter.ActiveRule::rule).toList();
  }

  @TestFactory
  Stream<DynamicTest> everyRulesOwnExamplesHold() {
    return builtIns().stream()
        .map(r -> DynamicTest.dynamicTest(r.id(), () -> RuleExamples.verify(r)));
  }

  @Test
  void idsAreUniqueAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (Rule r : builtIns()) {
      assertTrue(r.id().matches("^[A-Z][A-Z0-9_]+$"), r.id());
      assertTrue(seen.add(r.id()), "duplicate id " + r.id());
    }
  }

  @Test
  void everyScoredDimensionHasRules() {
    // Hygiene is not scored but can fail a lint, so it needs rules too.
    for (Dimension d : Dimension.values()) {
      assertTrue(
          builtIns().stream().anyMatch(r -> r.dimension() == d),
          "no built-in rule judges " + d.key());
    }
  }

  @Test
  void everyRuleHasAOneLineDescriptionAndBadAndGoodExamples() {
    for (Rule r : builtIns()) {
      assertFalse(r.description().isBlank() || r.description().contains("\n"), r.id());
      assertTrue(
          r.examples().stream().anyMatch(RuleExample::flagged), r.id() + " has no bad example");
      assertTrue(
          r.examples().stream().anyMatch(e -> !e.flagged()), r.id() + " has no good example");
    }
  }

  @Test
  void numericOptionsDeclareBounds() {
    for (Rule r : builtIns()) {
      for (RuleOption o : r.options()) {
        if (o.type() == RuleOption.Type.INTEGER || o.type() == RuleOption.Type.DECIMAL) {
          assertTrue(
              o.min() != null && o.max() != null && o.min() <= o.max(), r.id() + "." + o.name());
        }
      }
    }
  }

  @Test
  void optionDefaultsAreWithinTheirBounds() {
    for (Rule r : builtIns()) {
      for (RuleOption o : r.options()) {
        assertEquals(o.defaultValue(), o.accept(o.defaultValue()), r.id() + "." + o.name());
      }
    }
  }
}
