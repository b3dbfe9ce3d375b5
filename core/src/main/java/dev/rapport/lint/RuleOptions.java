package dev.rapport.lint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The option values a rule runs with: its declared defaults, overridden by configuration.
 * Immutable.
 */
public final class RuleOptions {

  private final String ruleId;
  private final Map<String, Object> values;

  RuleOptions(String ruleId, List<RuleOption> declared, Map<String, Object> configured) {
    this.ruleId = ruleId;
    Map<String, Object> v = new LinkedHashMap<>();
    for (RuleOption o : declared) {
      v.put(o.name(), o.defaultValue());
    }
    for (Map.Entry<String, Object> e : configured.entrySet()) {
      RuleOption o =
          declared.stream().filter(d -> d.name().equals(e.getKey())).findFirst().orElse(null);
      if (o == null) {
        throw new IllegalArgumentException(
            "rule "
                + ruleId
                + " has no option '"
                + e.getKey()
                + "'"
                + (declared.isEmpty()
                    ? ""
                    : " (its options: "
                        + String.join(", ", declared.stream().map(RuleOption::name).toList())
                        + ")"));
      }
      try {
        v.put(o.name(), o.accept(e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("rule " + ruleId + ": " + ex.getMessage(), ex);
      }
    }
    this.values = Map.copyOf(v);
  }

  /** Returns a whole-number option's value. */
  public int integer(String name) {
    return (Integer) get(name);
  }

  /** Returns a decimal option's value. */
  public double decimal(String name) {
    return (Double) get(name);
  }

  /** Returns a true/false option's value. */
  public boolean bool(String name) {
    return (Boolean) get(name);
  }

  /** Returns a string option's value. */
  public String string(String name) {
    return (String) get(name);
  }

  /** Returns a list-of-strings option's value. */
  @SuppressWarnings("unchecked")
  public List<String> strings(String name) {
    return (List<String>) get(name);
  }

  private Object get(String name) {
    Object v = values.get(Objects.requireNonNull(name, "name"));
    if (v == null) {
      throw new IllegalArgumentException("rule " + ruleId + " declares no option '" + name + "'");
    }
    return v;
  }

  @Override
  public String toString() {
    return ruleId + values;
  }
}
