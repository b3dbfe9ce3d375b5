package dev.rapport.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.Severity;
import dev.rapport.track.Contact;
import dev.rapport.track.TrackingThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rapport's configuration, read from TOML. Every key is checked: an unknown key, a wrong type or a
 * value out of bounds is a {@link ConfigException} naming the file and the key, so a typo never
 * passes silently.
 *
 * <pre>{@code
 * RapportConfig config = RapportConfig.load(RapportConfig.defaultPath());
 * Linter linter = config.linter().build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RapportConfig {

  /** Built on first parse only: the command line starts faster when there is no config file. */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TOP =
      Set.of("profile", "lint", "rules", "checks", "contacts", "tracking", "accounts");

  private final String source;
  private final SenderProfile profile;
  private final int failUnder;
  private final boolean failUnderSet;
  private final Map<Dimension, Integer> weights;
  private final List<Path> plugins;
  private final @Nullable Duration ruleTimeout;
  private final Map<String, ObjectNode> rules;
  private final List<Rule> checks;
  private final List<Contact> contacts;
  private final TrackingThresholds tracking;
  private final List<Account> accounts;
  private final ObjectNode root;

  private RapportConfig(String source, ObjectNode root, @Nullable Path baseDir)
      throws ConfigException {
    this.source = source;
    this.root = root;
    Reader r = new Reader(source);
    r.baseDir = baseDir;
    r.keys(root, "", TOP);
    this.profile = r.profile(root.get("profile"));
    ObjectNode lint = r.table(root.get("lint"), "lint");
    r.keys(lint, "lint", Set.of("failUnder", "weights", "plugins", "ruleTimeoutMillis"));
    this.failUnder = r.integer(lint.get("failUnder"), "lint.failUnder", 0, 0, 100);
    this.failUnderSet = lint.get("failUnder") != null && !lint.get("failUnder").isNull();
    this.weights = r.weights(lint.get("weights"));
    List<Path> p = new ArrayList<>();
    for (String s : r.strings(lint.get("plugins"), "lint.plugins")) {
      p.add(resolve(s, baseDir));
    }
    this.plugins = List.copyOf(p);
    JsonNode timeout = lint.get("ruleTimeoutMillis");
    this.ruleTimeout =
        timeout == null || timeout.isNull()
            ? null
            : Duration.ofMillis(r.integer(timeout, "lint.ruleTimeoutMillis", 0, 10, 600_000));
    Map<String, ObjectNode> rs = new LinkedHashMap<>();
    ObjectNode rulesTable = r.table(root.get("rules"), "rules");
    for (Map.Entry<String, JsonNode> e : rulesTable.properties()) {
      rs.put(e.getKey(), r.table(e.getValue(), "rules." + e.getKey()));
    }
    this.rules = Map.copyOf(rs);
    this.checks = ConfigChecks.read(r, root.get("checks"));
    this.contacts = r.contacts(root.get("contacts"));
    this.tracking = r.tracking(root.get("tracking"));
    this.accounts = r.accounts(root.get("accounts"));
  }

  /** Returns a configuration with every default and nothing known. */
  public static RapportConfig empty() {
    try {
      return new RapportConfig("(defaults)", NODES.objectNode(), null);
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Returns the default location: {@code $XDG_CONFIG_HOME/rapport/rapport.toml}, or {@code
   * ~/.config/rapport/rapport.toml}.
   */
  public static Path defaultPath() {
    return defaultPath(System.getenv());
  }

  /** Returns the default location as seen with the given environment variables. */
  public static Path defaultPath(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
    return base.resolve("rapport").resolve("rapport.toml");
  }

  private static final int MAX_CONFIG_BYTES = 1 << 20;

  /** Reads a TOML file. */
  public static RapportConfig load(Path file) throws ConfigException {
    Objects.requireNonNull(file, "file");
    String text;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      // Bounded: /dev/zero or a FIFO reports no size and never ends.
      byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw new ConfigException(
            "config file "
                + file
                + " is larger than "
                + (MAX_CONFIG_BYTES >> 20)
                + " MB; it cannot be a config file");
      }
      text =
          java.nio.charset.StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: " + file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException("config file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), file.toAbsolutePath().getParent());
  }

  /** Reads TOML text; {@code source} names it in error messages. */
  public static RapportConfig parse(String toml, String source) throws ConfigException {
    return parse(toml, source, null);
  }

  private static RapportConfig parse(String toml, String source, @Nullable Path baseDir)
      throws ConfigException {
    JsonNode root;
    try {
      root = Toml.MAPPER.readTree(toml);
    } catch (JacksonException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
      throw new ConfigException(
          "invalid TOML in " + source + where + ": " + firstLine(e.getOriginalMessage()), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = NODES.objectNode();
    }
    return new RapportConfig(source, (ObjectNode) root, baseDir);
  }

  /** Returns where this configuration came from. */
  public String source() {
    return source;
  }

  /** Returns the sender profile. */
  public SenderProfile profile() {
    return profile;
  }

  /** Returns the overall score under which a draft fails ({@code lint.failUnder}, default 0). */
  public int failUnder() {
    return failUnder;
  }

  /**
   * Returns whether the file sets {@code lint.failUnder} itself (sendmail has a default of its own
   * otherwise).
   */
  public boolean failUnderSet() {
    return failUnderSet;
  }

  /** Returns the plugin jars and folders to load rules from ({@code lint.plugins}). */
  public List<Path> plugins() {
    return plugins;
  }

  /**
   * Returns the rules written in the {@code [checks]} section ({@code CONFIG.*} ids), which {@link
   * #linter()} adds.
   */
  public List<Rule> checks() {
    return checks;
  }

  /**
   * Returns the time budget of rules that are not built in ({@code lint.ruleTimeoutMillis}), if
   * set.
   */
  public Optional<Duration> ruleTimeout() {
    return Optional.ofNullable(ruleTimeout);
  }

  /** Returns the known contacts. */
  public List<Contact> contacts() {
    return contacts;
  }

  /** Returns the tracking thresholds. */
  public TrackingThresholds tracking() {
    return tracking;
  }

  /** Returns the IMAP accounts. */
  public List<Account> accounts() {
    return accounts;
  }

  /**
   * Returns the configuration as TOML text (every table and key as read, comments and layout not
   * kept), for extensions that read sections of their own with a TOML parser of their choice.
   */
  public String toml() {
    try {
      return Toml.MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree read from TOML cannot be written as TOML", e);
    }
  }

  /**
   * Returns a linter builder with this configuration's profile, contacts, weights, time budget,
   * rules from {@code [checks]}, plugins from {@code lint.plugins} and rule settings applied.
   * Callers may add plugins or rules before {@link Linter.Builder#build()}, which reports unknown
   * rule ids and option values out of bounds.
   *
   * @throws ConfigException if a rule's settings are malformed or a plugin cannot be loaded
   */
  public Linter.Builder linter() throws ConfigException {
    Linter.Builder b = Linter.builder().profile(profile).contacts(contacts);
    weights.forEach(b::weight);
    if (ruleTimeout != null) {
      b.ruleTimeout(ruleTimeout);
    }
    for (Rule c : checks) {
      b.rule(c, "config");
    }
    for (Path p : plugins) {
      if (isConventionalPluginFolder(p) && !Files.exists(p)) {
        continue; // the usual place for plugins, named before there are any: nothing to load yet
      }
      try {
        b.plugins(p);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source + ": lint.plugins: " + e.getMessage(), e);
      }
    }
    for (Map.Entry<String, ObjectNode> e : rules.entrySet()) {
      String id = e.getKey();
      for (Map.Entry<String, JsonNode> opt : e.getValue().properties()) {
        String key = "rules." + id + "." + opt.getKey();
        JsonNode v = opt.getValue();
        switch (opt.getKey()) {
          case "severity":
            {
              String s = new Reader(source).string(v, key);
              if (s.equalsIgnoreCase("off")) {
                b.disable(id);
              } else {
                try {
                  b.severity(id, Severity.of(s));
                } catch (IllegalArgumentException ex) {
                  throw new ConfigException(
                      source + ": " + key + ": " + ex.getMessage() + " or off");
                }
              }
              break;
            }
          case "enabled":
            if (!v.isBoolean()) {
              throw new ConfigException(source + ": " + key + " must be true or false");
            }
            if (v.booleanValue()) {
              b.enable(id);
            } else {
              b.disable(id);
            }
            break;
          default:
            if (v.isObject()) {
              // [rules.ACME.NO_EMOJI] is a table NO_EMOJI inside a table ACME: the id needs quotes.
              throw new ConfigException(
                  source
                      + ": "
                      + key
                      + " is a table; quote a rule id that has a dot: [rules.\""
                      + id
                      + "."
                      + opt.getKey()
                      + "\"]");
            }
            b.option(id, opt.getKey(), Reader.plain(v));
        }
      }
    }
    return b;
  }

  /**
   * The usual plugin folder, {@code rapport/plugins} (as in {@code ~/.config/rapport/plugins},
   * beside the configuration file): it may be named in {@code lint.plugins} before it exists. Any
   * other missing path is a typo, and an error.
   */
  private static boolean isConventionalPluginFolder(Path p) {
    Path name = p.getFileName();
    Path parent = p.getParent() == null ? null : p.getParent().getFileName();
    return name != null
        && parent != null
        && name.toString().equals("plugins")
        && parent.toString().equals("rapport");
  }

  private static Path resolve(String s, @Nullable Path baseDir) {
    String expanded = s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s;
    Path p = Path.of(expanded);
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Typed reads of the tree with messages that name the file and key. */
  static final class Reader {
    private final String source;

    /** Where relative paths in the file are resolved from (the file's folder), or {@code null}. */
    @Nullable Path baseDir;

    Reader(String source) {
      this.source = source;
    }

    ConfigException error(String key, String what) {
      return new ConfigException(source + ": " + key + " " + what);
    }

    void keys(ObjectNode table, String prefix, Set<String> allowed) throws ConfigException {
      for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          String key = prefix.isEmpty() ? k : prefix + "." + k;
          throw new ConfigException(
              source
                  + ": unknown key "
                  + key
                  + " (known: "
                  + String.join(", ", allowed.stream().sorted().toList())
                  + ")");
        }
      }
    }

    ObjectNode table(@Nullable JsonNode n, String key) throws ConfigException {
      if (n == null || n.isNull()) {
        return NODES.objectNode();
      }
      if (!n.isObject()) {
        throw error(key, "must be a table");
      }
      return (ObjectNode) n;
    }

    @Nullable String optString(@Nullable JsonNode n, String key) throws ConfigException {
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        throw error(key, "must be a string");
      }
      return n.textValue();
    }

    String string(@Nullable JsonNode n, String key) throws ConfigException {
      String s = optString(n, key);
      if (s == null) {
        throw error(key, "is required");
      }
      return s;
    }

    int integer(@Nullable JsonNode n, String key, int dflt, int min, int max)
        throws ConfigException {
      if (n == null || n.isNull()) {
        return dflt;
      }
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw error(key, "must be a whole number");
      }
      int v = n.intValue();
      if (v < min || v > max) {
        throw error(key, "must be between " + min + " and " + max + ", not " + v);
      }
      return v;
    }

    boolean bool(@Nullable JsonNode n, String key, boolean dflt) throws ConfigException {
      if (n == null || n.isNull()) {
        return dflt;
      }
      if (!n.isBoolean()) {
        throw error(key, "must be true or false");
      }
      return n.booleanValue();
    }

    List<String> strings(@Nullable JsonNode n, String key) throws ConfigException {
      List<String> out = new ArrayList<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (n.isTextual()) {
        out.add(n.textValue());
        return out;
      }
      if (!n.isArray()) {
        throw error(key, "must be a list of strings");
      }
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw error(key, "must be a list of strings");
        }
        out.add(e.textValue());
      }
      return out;
    }

    SenderProfile profile(@Nullable JsonNode n) throws ConfigException {
      ObjectNode t = table(n, "profile");
      keys(t, "profile", SenderProfiles.KEYS);
      try {
        return SenderProfiles.read(k -> optString(t.get(k), "profile." + k));
      } catch (IllegalArgumentException e) {
        throw error("profile.visa", ": " + e.getMessage());
      }
    }

    Map<Dimension, Integer> weights(@Nullable JsonNode n) throws ConfigException {
      ObjectNode t = table(n, "lint.weights");
      Map<Dimension, Integer> out = new LinkedHashMap<>();
      keys(
          t,
          "lint.weights",
          Set.of("brevity", "specificity", "personalization", "visaTransparency"));
      for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        out.put(Dimension.of(k), integer(t.get(k), "lint.weights." + k, 0, 0, 100));
      }
      return out;
    }

    List<Contact> contacts(@Nullable JsonNode n) throws ConfigException {
      List<Contact> out = new ArrayList<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isArray()) {
        throw error("contacts", "must be an array of tables ([[contacts]])");
      }
      int i = 0;
      for (JsonNode c : n) {
        String key = "contacts[" + i++ + "]";
        ObjectNode t = table(c, key);
        keys(t, key, Set.of("email", "name", "title", "metAt", "metOn", "work"));
        String email = string(t.get("email"), key + ".email");
        LocalDate metOn = null;
        JsonNode on = t.get("metOn");
        if (on != null && !on.isNull()) {
          try {
            metOn =
                LocalDate.parse(
                    on.asText().strip().substring(0, Math.min(10, on.asText().strip().length())));
          } catch (DateTimeParseException e) {
            throw error(key + ".metOn", "must be a date such as 2026-11-10");
          }
        }
        try {
          out.add(
              new Contact(
                  email,
                  optString(t.get("name"), key + ".name"),
                  optString(t.get("title"), key + ".title"),
                  optString(t.get("metAt"), key + ".metAt"),
                  metOn,
                  strings(t.get("work"), key + ".work")));
        } catch (IllegalArgumentException e) {
          throw error(key + ".email", ": " + e.getMessage());
        }
      }
      return List.copyOf(out);
    }

    TrackingThresholds tracking(@Nullable JsonNode n) throws ConfigException {
      ObjectNode t = table(n, "tracking");
      keys(
          t,
          "tracking",
          Set.of(
              "followUpAfterDays",
              "maxFollowUps",
              "moveOnAfterDays",
              "updateAfterDays",
              "thankYouWithinHours"));
      TrackingThresholds d = TrackingThresholds.DEFAULTS;
      return new TrackingThresholds(
          Duration.ofDays(
              integer(
                  t.get("followUpAfterDays"),
                  "tracking.followUpAfterDays",
                  (int) d.followUpAfter().toDays(),
                  1,
                  365)),
          integer(t.get("maxFollowUps"), "tracking.maxFollowUps", d.maxFollowUps(), 0, 10),
          Duration.ofDays(
              integer(
                  t.get("moveOnAfterDays"),
                  "tracking.moveOnAfterDays",
                  (int) d.moveOnAfter().toDays(),
                  1,
                  365)),
          Duration.ofDays(
              integer(
                  t.get("updateAfterDays"),
                  "tracking.updateAfterDays",
                  (int) d.updateAfter().toDays(),
                  1,
                  3650)),
          Duration.ofHours(
              integer(
                  t.get("thankYouWithinHours"),
                  "tracking.thankYouWithinHours",
                  (int) d.thankYouWithin().toHours(),
                  1,
                  24 * 60)));
    }

    List<Account> accounts(@Nullable JsonNode n) throws ConfigException {
      List<Account> out = new ArrayList<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isArray()) {
        throw error("accounts", "must be an array of tables ([[accounts]])");
      }
      int i = 0;
      for (JsonNode a : n) {
        String key = "accounts[" + i++ + "]";
        ObjectNode t = table(a, key);
        keys(
            t,
            key,
            Set.of(
                "name",
                "imap",
                "passwordCommand",
                "tokenCommand",
                "allowPlaintext",
                "password",
                "tls"));
        if (t.has("password")) {
          throw error(
              key + ".password",
              "is not read: keep passwords out of files; use passwordCommand or RAPPORT_PASSWORD");
        }
        String imap = string(t.get("imap"), key + ".imap");
        String name = optString(t.get("name"), key + ".name");
        out.add(
            new Account(
                name == null ? imap : name,
                imap,
                optString(t.get("passwordCommand"), key + ".passwordCommand"),
                optString(t.get("tokenCommand"), key + ".tokenCommand"),
                bool(t.get("allowPlaintext"), key + ".allowPlaintext", false),
                tls(t.get("tls"), key + ".tls")));
      }
      return List.copyOf(out);
    }

    TlsSettings tls(@Nullable JsonNode n, String key) throws ConfigException {
      if (n == null || n.isNull()) {
        return TlsSettings.DEFAULTS;
      }
      ObjectNode t = table(n, key);
      keys(
          t,
          key,
          Set.of(
              "caFile",
              "trustStore",
              "trustStorePasswordCommand",
              "trustDefaults",
              "trustStorePassword"));
      if (t.has("trustStorePassword")) {
        throw error(
            key + ".trustStorePassword",
            "is not read: keep passwords out of files; use trustStorePasswordCommand");
      }
      String ca = optString(t.get("caFile"), key + ".caFile");
      String store = optString(t.get("trustStore"), key + ".trustStore");
      try {
        return new TlsSettings(
            ca == null || ca.isBlank() ? null : resolve(ca, baseDir),
            store == null || store.isBlank() ? null : resolve(store, baseDir),
            optString(t.get("trustStorePasswordCommand"), key + ".trustStorePasswordCommand"),
            bool(t.get("trustDefaults"), key + ".trustDefaults", true));
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }

    /** Turns a TOML value into the plain Java value rule options take. */
    static Object plain(JsonNode v) {
      if (v.isIntegralNumber()) {
        return v.longValue();
      }
      if (v.isNumber()) {
        return v.doubleValue();
      }
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isArray()) {
        List<Object> out = new ArrayList<>();
        v.forEach(e -> out.add(plain(e)));
        return out;
      }
      return v.asText();
    }
  }
}
