package dev.rapport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.config.ConfigRule.Common;
import dev.rapport.config.ConfigRule.Place;
import dev.rapport.internal.Text;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Rule;
import dev.rapport.lint.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code [checks]} section: rules written in the configuration, without Java.
 *
 * <pre>{@code
 * [[checks.flag]]
 * id = "NO_SIR_MADAM"                      # the rule is CONFIG.NO_SIR_MADAM
 * phrases = ["dear sir or madam", "to whom it may concern"]
 * message = "\u201c{phrase}\u201d tells a professor this email went to many people."
 * suggestion = "Greet them by name: \u201cDear Dr. Rivera,\u201d."
 * severity = "warning"                     # error, warning or info (default warning)
 * dimension = "personalization"            # default hygiene
 * deduction = 10                           # 0-100 (default 5)
 * in = ["subject", "body"]                 # where to look (default both)
 *
 * [[checks.require]]
 * id = "PROGRAM_IN_SUBJECT"
 * phrases = ["observership"]               # one of them must appear ...
 * in = "subject"                           # ... here
 * when = { recipient = ["gme.example.edu"], draftContains = ["observership"] }
 * message = "Name the program in the subject: coordinators sort mail by it."
 *
 * [[checks.substitute]]
 * id = "PLAIN_WORDS"
 * swap = { utilize = "use", "in order to" = "to" }
 * }</pre>
 *
 * Not thread-safe; used once per configuration file.
 */
final class ConfigChecks {

  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]+");
  private static final String PREFIX = "CONFIG.";
  private static final int MAX_PHRASES = 200;
  private static final int MAX_CHECKS = 500;
  private static final Set<String> COMMON =
      Set.of(
          "id", "description", "in", "message", "suggestion", "severity", "dimension", "deduction");

  private final RapportConfig.Reader r;
  private final Map<String, String> ids = new LinkedHashMap<>();

  private ConfigChecks(RapportConfig.Reader r) {
    this.r = r;
  }

  /** Reads the section into rules, checking every key. */
  static List<Rule> read(RapportConfig.Reader r, @Nullable JsonNode section)
      throws ConfigException {
    return new ConfigChecks(r).read(section);
  }

  private List<Rule> read(@Nullable JsonNode section) throws ConfigException {
    ObjectNode t = r.table(section, "checks");
    r.keys(t, "checks", Set.of("flag", "require", "substitute"));
    List<Rule> out = new ArrayList<>();
    int i = 0;
    for (ObjectNode c : each(t.get("flag"), "checks.flag")) {
      out.add(flag(c, "checks.flag[" + i++ + "]"));
    }
    i = 0;
    for (ObjectNode c : each(t.get("require"), "checks.require")) {
      out.add(require(c, "checks.require[" + i++ + "]"));
    }
    i = 0;
    for (ObjectNode c : each(t.get("substitute"), "checks.substitute")) {
      out.add(substitute(c, "checks.substitute[" + i++ + "]"));
    }
    if (out.size() > MAX_CHECKS) {
      throw r.error(
          "checks", "holds " + out.size() + " rules; at most " + MAX_CHECKS + " are allowed");
    }
    return List.copyOf(out);
  }

  private List<ObjectNode> each(@Nullable JsonNode n, String key) throws ConfigException {
    List<ObjectNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw r.error(key, "must be an array of tables ([[" + key + "]])");
    }
    int i = 0;
    for (JsonNode e : n) {
      out.add(r.table(e, key + "[" + i++ + "]"));
    }
    return out;
  }

  private ConfigRule flag(ObjectNode t, String key) throws ConfigException {
    r.keys(t, key, union(COMMON, "phrases"));
    List<Phrase> phrases = phrases(t.get("phrases"), key + ".phrases", true);
    Set<Place> in = places(t.get("in"), key + ".in");
    Common c =
        common(
            t,
            key,
            5,
            ConfigRule.Flag.describe(phrases),
            "Avoid \u201c{phrase}\u201d.",
            "Rephrase without \u201c{phrase}\u201d.",
            in);
    return new ConfigRule.Flag(c, phrases);
  }

  private ConfigRule require(ObjectNode t, String key) throws ConfigException {
    r.keys(t, key, union(COMMON, "phrases", "when"));
    List<Phrase> phrases = phrases(t.get("phrases"), key + ".phrases", true);
    Set<Place> in = places(t.get("in"), key + ".in");
    ObjectNode w = r.table(t.get("when"), key + ".when");
    r.keys(w, key + ".when", Set.of("recipient", "draftContains", "subjectContains"));
    List<String> recipients = new ArrayList<>();
    int i = 0;
    for (String s : r.strings(w.get("recipient"), key + ".when.recipient")) {
      recipients.add(recipient(s, key + ".when.recipient[" + i++ + "]"));
    }
    ConfigRule.Require.When when =
        new ConfigRule.Require.When(
            recipients,
            phrases(w.get("draftContains"), key + ".when.draftContains", false),
            phrases(w.get("subjectContains"), key + ".when.subjectContains", false));
    Common c =
        common(
            t,
            key,
            5,
            ConfigRule.Require.describe(phrases, in, when),
            ConfigRule.Require.defaultMessage(phrases, in),
            "Add \u201c{phrase}\u201d" + (in.contains(Place.BODY) ? "." : " to the subject."),
            in);
    return new ConfigRule.Require(c, phrases, when);
  }

  private ConfigRule substitute(ObjectNode t, String key) throws ConfigException {
    r.keys(t, key, union(COMMON, "swap"));
    ObjectNode swap = r.table(t.get("swap"), key + ".swap");
    if (swap.isEmpty()) {
      throw r.error(
          key + ".swap",
          "is required: a table of phrase = \"replacement\", such as { utilize = \"use\" }");
    }
    if (swap.size() > MAX_PHRASES) {
      throw r.error(key + ".swap", "has more than " + MAX_PHRASES + " entries");
    }
    List<ConfigRule.Substitute.Swap> swaps = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : swap.properties()) {
      String k = key + ".swap.\"" + e.getKey() + "\"";
      String to = r.string(e.getValue(), k).strip();
      if (to.isEmpty()) {
        throw r.error(
            k, "is empty: a substitution needs a replacement (use [[checks.flag]] to flag a word)");
      }
      swaps.add(new ConfigRule.Substitute.Swap(phrase(e.getKey(), k), to));
    }
    Set<Place> in = places(t.get("in"), key + ".in");
    Common c =
        common(
            t,
            key,
            5,
            ConfigRule.Substitute.describe(swaps),
            "Prefer \u201c{replacement}\u201d to \u201c{phrase}\u201d.",
            "Write \u201c{replacement}\u201d.",
            in);
    return new ConfigRule.Substitute(c, swaps);
  }

  private Common common(
      ObjectNode t,
      String key,
      int deduction,
      String description,
      String message,
      String suggestion,
      Set<Place> in)
      throws ConfigException {
    String given = r.string(t.get("id"), key + ".id").strip();
    String bare = given.startsWith(PREFIX) ? given.substring(PREFIX.length()) : given;
    if (!ID.matcher(bare).matches()) {
      throw r.error(
          key + ".id",
          "must look like NO_SIR_MADAM (capitals, digits and underscores; the rule becomes CONFIG.NO_SIR_MADAM), not \""
              + given
              + "\"");
    }
    String id = PREFIX + bare;
    String clash = ids.putIfAbsent(id, key);
    if (clash != null) {
      throw r.error(key + ".id", "\"" + given + "\" is already the id of " + clash);
    }
    Severity severity = parse(t.get("severity"), key + ".severity", Severity.WARNING, Severity::of);
    Dimension dimension =
        parse(t.get("dimension"), key + ".dimension", Dimension.HYGIENE, Dimension::of);
    String d = r.optString(t.get("description"), key + ".description");
    return new Common(
        id,
        d == null || d.isBlank() ? description : oneLine(d, key + ".description"),
        dimension,
        severity,
        r.integer(t.get("deduction"), key + ".deduction", deduction, 0, 100),
        in,
        template(t.get("message"), key + ".message", message),
        template(t.get("suggestion"), key + ".suggestion", suggestion));
  }

  private <T> T parse(@Nullable JsonNode n, String key, T dflt, Function<String, T> of)
      throws ConfigException {
    String s = r.optString(n, key);
    if (s == null) {
      return dflt;
    }
    try {
      return of.apply(s);
    } catch (IllegalArgumentException e) {
      throw r.error(key, ": " + e.getMessage());
    }
  }

  private String template(@Nullable JsonNode n, String key, String dflt) throws ConfigException {
    String s = r.optString(n, key);
    return s == null || s.isBlank() ? dflt : oneLine(s, key);
  }

  private String oneLine(String s, String key) throws ConfigException {
    if (s.strip().length() > 500) {
      throw r.error(key, "is longer than 500 characters");
    }
    return Text.oneLine(s);
  }

  private List<Phrase> phrases(@Nullable JsonNode n, String key, boolean required)
      throws ConfigException {
    List<String> raw = r.strings(n, key);
    if (raw.isEmpty() && required) {
      throw r.error(
          key, "is required: a list of words or phrases, such as [\"to whom it may concern\"]");
    }
    if (raw.size() > MAX_PHRASES) {
      throw r.error(key, "has more than " + MAX_PHRASES + " phrases");
    }
    List<Phrase> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      out.add(phrase(raw.get(i), key + "[" + i + "]"));
    }
    return out;
  }

  private Phrase phrase(String s, String key) throws ConfigException {
    try {
      return Phrase.of(s);
    } catch (IllegalArgumentException e) {
      throw r.error(
          key,
          e.getMessage()
              + " (phrases are plain words, matched case-insensitively on word boundaries)");
    }
  }

  private Set<Place> places(@Nullable JsonNode n, String key) throws ConfigException {
    List<String> raw = r.strings(n, key);
    if (raw.isEmpty()) {
      return EnumSet.allOf(Place.class);
    }
    Set<Place> out = EnumSet.noneOf(Place.class);
    for (String s : raw) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "subject" -> out.add(Place.SUBJECT);
        case "body" -> out.add(Place.BODY);
        default -> throw r.error(key, "must be \"subject\", \"body\" or both, not \"" + s + "\"");
      }
    }
    return out;
  }

  private String recipient(String s, String key) throws ConfigException {
    String v = s.strip().toLowerCase(Locale.ROOT);
    int at = v.indexOf('@');
    boolean ok =
        !v.isEmpty()
            && v.chars()
                .noneMatch(c -> Character.isWhitespace(c) || c == ',' || c == '<' || c == '>')
            && v.indexOf('@', at + 1) < 0
            && !v.endsWith("@")
            && !v.endsWith(".")
            && !v.substring(at + 1).startsWith(".");
    if (!ok) {
      throw r.error(
          key,
          "must be an address (coordinator@example.edu), a domain with its subdomains (example.edu) or exactly one domain (@example.edu), not \""
              + s
              + "\"");
    }
    return v;
  }

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> s = new java.util.HashSet<>(base);
    s.addAll(List.of(more));
    return s;
  }
}
