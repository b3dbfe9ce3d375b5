package dev.rapport.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rapport.config.Account;
import dev.rapport.config.ConfigException;
import dev.rapport.config.RapportConfig;
import dev.rapport.lint.Linter;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.VisaNeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gives the linter for a request: the user's {@code rapport.toml} (re-read when it changes, so an
 * edit needs no restart), with the sender profile from the add-on's options page laid over the
 * file's. Linters are built once per profile and kept. Thread-safe.
 */
final class LinterSource {

  /**
   * A linter with what it was built from.
   *
   * @param generation counts configuration reloads: scorecards from an older generation are stale
   * @param accounts the configuration's {@code [[accounts]]}, read for thread context
   */
  record Configured(Linter linter, int failUnder, long generation, List<Account> accounts) {
    Configured {
      accounts = List.copyOf(accounts);
    }
  }

  private static final TomlMapper TOML = new TomlMapper();

  private final @Nullable Path configFile;
  private final Supplier<RapportConfig> fallback;
  private final Cache<SenderProfile, Configured> linters =
      Caffeine.newBuilder().maximumSize(16).build();
  private @Nullable Loaded loaded;
  private long generation;

  private record Loaded(@Nullable FileTime stamp, RapportConfig config) {}

  /**
   * @param configFile the configuration file, or {@code null} to use {@code fallback} only
   * @param fallback the configuration when the file does not exist
   */
  LinterSource(@Nullable Path configFile, Supplier<RapportConfig> fallback) {
    this.configFile = configFile;
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * Returns the linter for a profile override.
   *
   * @param override fields from the options page, laid over the configured profile; {@code null}
   *     for none
   * @throws ConfigException if the configuration file is invalid
   */
  Configured linter(@Nullable SenderProfile override) throws ConfigException {
    RapportConfig config;
    long gen;
    synchronized (this) {
      config = config();
      gen = generation;
    }
    SenderProfile profile = merge(config.profile(), override);
    Configured c = linters.getIfPresent(profile);
    if (c == null || c.generation() != gen) {
      c = build(config, profile, gen);
      linters.put(profile, c);
    }
    return c;
  }

  private synchronized RapportConfig config() throws ConfigException {
    FileTime stamp = null;
    if (configFile != null) {
      try {
        stamp = Files.exists(configFile) ? Files.getLastModifiedTime(configFile) : null;
      } catch (IOException e) {
        stamp = null;
      }
    }
    if (loaded == null || !Objects.equals(loaded.stamp(), stamp)) {
      RapportConfig config = stamp == null ? fallback.get() : RapportConfig.load(configFile);
      loaded = new Loaded(stamp, config);
      generation++;
      linters.invalidateAll();
    }
    return loaded.config();
  }

  private static Configured build(RapportConfig config, SenderProfile profile, long generation)
      throws ConfigException {
    RapportConfig effective = config;
    if (!profile.equals(config.profile())) {
      effective = withProfile(config, profile);
    }
    try {
      return new Configured(
          effective.linter().build(), effective.failUnder(), generation, config.accounts());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(config.source() + ": " + e.getMessage(), e);
    }
  }

  /** The configuration with its {@code [profile]} table replaced, through its public TOML form. */
  static RapportConfig withProfile(RapportConfig config, SenderProfile profile)
      throws ConfigException {
    ObjectNode root;
    try {
      root = (ObjectNode) TOML.readTree(config.toml());
    } catch (IOException e) {
      throw new ConfigException(
          "cannot apply the add-on's profile to " + config.source() + ": " + e.getMessage(), e);
    }
    ObjectNode p = root.putObject("profile");
    putIfSet(p, "name", profile.name());
    putIfSet(p, "school", profile.school());
    putIfSet(p, "country", profile.country());
    putIfSet(p, "citizenship", profile.citizenship());
    if (profile.visa() != VisaNeed.UNKNOWN) {
      p.put("visa", profile.visa().label());
    }
    try {
      return RapportConfig.parse(
          TOML.writeValueAsString(root), config.source() + " (with the add-on's profile)");
    } catch (IOException e) {
      throw new ConfigException(
          "cannot apply the add-on's profile to " + config.source() + ": " + e.getMessage(), e);
    }
  }

  private static void putIfSet(ObjectNode o, String key, @Nullable String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  static SenderProfile merge(SenderProfile base, @Nullable SenderProfile override) {
    if (override == null) {
      return base;
    }
    return new SenderProfile(
        first(override.name(), base.name()),
        first(override.school(), base.school()),
        first(override.country(), base.country()),
        first(override.citizenship(), base.citizenship()),
        override.visa() != VisaNeed.UNKNOWN ? override.visa() : base.visa());
  }

  private static @Nullable String first(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }
}
