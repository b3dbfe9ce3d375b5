package dev.rapport.lint;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An option a rule declares: its name, type, default and bounds. Values from configuration are
 * checked against it when a {@link Linter} is built.
 *
 * @param name the option's name, in camel case, such as {@code maxWords}
 * @param type what kind of value it takes
 * @param defaultValue the value used unless configured: an {@code Integer}, {@code Double}, {@code
 *     Boolean}, {@code String} or {@code List<String>} as {@code type} says
 * @param min the smallest value allowed (numbers only), or {@code null}
 * @param max the largest value allowed (numbers only), or {@code null}
 * @param description what it changes, in one line
 */
public record RuleOption(
    String name,
    Type type,
    Object defaultValue,
    @Nullable Double min,
    @Nullable Double max,
    String description) {

  /** The kinds of option value. */
  public enum Type {
    /** A whole number. */
    INTEGER,
    /** A number. */
    DECIMAL,
    /** True or false. */
    BOOLEAN,
    /** A string. */
    STRING,
    /** A list of strings. */
    STRING_LIST
  }

  /** Validates the declaration: the default must fit the type and the bounds. */
  public RuleOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("option name must be camelCase: " + name);
    }
    defaultValue = coerce(name, type, defaultValue, min, max);
  }

  /** Declares a whole-number option. */
  public static RuleOption integer(
      String name, int defaultValue, int min, int max, String description) {
    return new RuleOption(
        name, Type.INTEGER, defaultValue, (double) min, (double) max, description);
  }

  /** Declares a decimal option. */
  public static RuleOption decimal(
      String name, double defaultValue, double min, double max, String description) {
    return new RuleOption(name, Type.DECIMAL, defaultValue, min, max, description);
  }

  /** Declares a true/false option. */
  public static RuleOption bool(String name, boolean defaultValue, String description) {
    return new RuleOption(name, Type.BOOLEAN, defaultValue, null, null, description);
  }

  /** Declares a string option. */
  public static RuleOption string(String name, String defaultValue, String description) {
    return new RuleOption(name, Type.STRING, defaultValue, null, null, description);
  }

  /** Declares a list-of-strings option. */
  public static RuleOption strings(String name, List<String> defaultValue, String description) {
    return new RuleOption(
        name, Type.STRING_LIST, List.copyOf(defaultValue), null, null, description);
  }

  /**
   * Checks a configured value against this declaration and returns it in its canonical Java type.
   *
   * @throws IllegalArgumentException with a message naming the option, if the value does not fit
   */
  public Object accept(Object value) {
    return coerce(name, type, value, min, max);
  }

  private static Object coerce(
      String name, Type type, Object value, @Nullable Double min, @Nullable Double max) {
    Objects.requireNonNull(value, name);
    switch (type) {
      case INTEGER:
        {
          if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(
                "option '" + name + "' takes a whole number, not " + describe(value));
          }
          checkBounds(name, n.doubleValue(), min, max);
          return n.intValue();
        }
      case DECIMAL:
        {
          if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(
                "option '" + name + "' takes a number, not " + describe(value));
          }
          checkBounds(name, n.doubleValue(), min, max);
          return n.doubleValue();
        }
      case BOOLEAN:
        if (!(value instanceof Boolean)) {
          throw new IllegalArgumentException(
              "option '" + name + "' takes true or false, not " + describe(value));
        }
        return value;
      case STRING:
        if (!(value instanceof String)) {
          throw new IllegalArgumentException(
              "option '" + name + "' takes a string, not " + describe(value));
        }
        return value;
      default:
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
          throw new IllegalArgumentException(
              "option '" + name + "' takes a list of strings, not " + describe(value));
        }
        return List.copyOf(list);
    }
  }

  private static void checkBounds(
      String name, double v, @Nullable Double min, @Nullable Double max) {
    if ((min != null && v < min) || (max != null && v > max)) {
      throw new IllegalArgumentException(
          "option '"
              + name
              + "' must be between "
              + fmt(min)
              + " and "
              + fmt(max)
              + ", not "
              + fmt(v));
    }
  }

  private static String fmt(@Nullable Double d) {
    if (d == null) {
      return "any";
    }
    return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}
