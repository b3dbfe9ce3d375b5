package dev.rapport.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rapport.internal.PrivateFiles;
import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The states last announced for one account, so each change is announced exactly once: across
 * reconnections (in memory) and across runs, for {@code --once} under cron and for a restarted
 * daemon (in a small JSON file next to the sync cache, written atomically, private to the user). A
 * contact that disappears from the mailbox (their messages deleted, or a folder deleted and made
 * again) goes without an event into a bounded memory of recent departures, so that coming back in
 * the same state announces nothing and in another state announces the change from the state they
 * left in: the ledger holds the mailbox's contacts plus at most {@link #GONE} others, however long
 * the watcher runs.
 *
 * <p>An unreadable file is discarded with a notice: every contact is then announced afresh, which
 * is better than announcing nothing. A crash between announcing and saving announces again: at
 * least once, never lost.
 *
 * <p>Not thread-safe: one per account, used under the account's lock.
 */
final class StateLedger {
  static final int VERSION = 1;

  /** How many departed contacts are remembered (in memory only). */
  static final int GONE = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String account;
  private final @Nullable Path file;
  private final Map<String, ContactState> states = new HashMap<>();
  private final Cache<String, ContactState> gone = Caffeine.newBuilder().maximumSize(GONE).build();
  private @Nullable LocalDate lastDigest;
  private boolean dirty;

  private StateLedger(String account, @Nullable Path file) {
    this.account = account;
    this.file = file;
  }

  /** An empty ledger kept in memory only. */
  static StateLedger inMemory(String account) {
    return new StateLedger(account, null);
  }

  /**
   * Loads an account's ledger from its file in {@code directory}, or starts an empty one.
   *
   * @param key the account's identity, {@code user@host:port}: names the file
   */
  static StateLedger load(String account, String key, Path directory, Consumer<String> notices) {
    Path f = directory.resolve(fileName(key));
    StateLedger l = new StateLedger(account, f);
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return l;
    } catch (IOException e) {
      notices.accept(
          "cannot read "
              + f
              + " ("
              + e.getClass().getSimpleName()
              + "); announcing every contact afresh");
      return l;
    }
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || root.path("version").asInt() != VERSION) {
        throw new IOException("other version");
      }
      for (Map.Entry<String, JsonNode> e : root.path("contacts").properties()) {
        l.states.put(e.getKey(), ContactState.valueOf(e.getValue().path("state").asText()));
      }
      String d = root.path("digest").asText(null);
      l.lastDigest = d == null ? null : LocalDate.parse(d);
    } catch (IOException | RuntimeException e) {
      notices.accept(f + " is damaged or from another version; announcing every contact afresh");
      l.states.clear();
      l.lastDigest = null;
    }
    return l;
  }

  static String fileName(String key) {
    String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 60) {
      safe = safe.substring(0, 60);
    }
    return safe + "-" + sha256(key).substring(0, 16) + ".watch.json";
  }

  /** The file, or {@code null} if kept in memory only. */
  @Nullable Path file() {
    return file;
  }

  /** The state last announced for a contact, or {@code null}. */
  @Nullable ContactState state(String contact) {
    return states.get(contact);
  }

  /** How many contacts are remembered. */
  int size() {
    return states.size();
  }

  /**
   * Compares the statuses with what was announced, remembers the new states and returns one event
   * per change, in the statuses' order; contacts no longer listed are forgotten.
   */
  List<StatusEvent> update(List<ContactStatus> statuses, Instant at) {
    List<StatusEvent> events = new ArrayList<>();
    Set<String> seen = statuses.stream().map(ContactStatus::contact).collect(Collectors.toSet());
    for (Iterator<Map.Entry<String, ContactState>> it = states.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, ContactState> e = it.next();
      if (!seen.contains(e.getKey())) {
        gone.put(e.getKey(), e.getValue());
        it.remove();
        dirty = true;
      }
    }
    for (ContactStatus s : statuses) {
      ContactState before = states.put(s.contact(), s.state());
      if (before == null) {
        before = gone.getIfPresent(s.contact());
        gone.invalidate(s.contact());
      }
      if (before != s.state()) {
        events.add(new StatusEvent(account, s, before, at));
        dirty = true;
      }
    }
    return events;
  }

  /** The day the last digest was appended, or {@code null}. */
  @Nullable LocalDate lastDigest() {
    return lastDigest;
  }

  void digestAppended(LocalDate day) {
    lastDigest = day;
    dirty = true;
  }

  /**
   * Writes the file if anything changed; a failure is a notice and costs only a repeat next run.
   */
  void save(Consumer<String> notices) {
    if (!dirty || file == null) {
      dirty = false;
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("account", account);
    ObjectNode contacts = root.putObject("contacts");
    states.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> contacts.putObject(e.getKey()).put("state", e.getValue().name()));
    if (lastDigest != null) {
      root.put("digest", lastDigest.toString());
    }
    try {
      PrivateFiles.write(file, JSON.writeValueAsBytes(root), ".watch-");
      dirty = false;
    } catch (IOException | RuntimeException e) {
      notices.accept(
          "cannot write "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); changes may be announced again");
    }
  }

  /** How many departed contacts are remembered now, for tests. */
  long departed() {
    return gone.estimatedSize();
  }

  /** Lets the memory of departures evict what is over its bound now, for tests. */
  void cleanUp() {
    gone.cleanUp();
  }

  /** A copy of the states, for tests. */
  Map<String, ContactState> states() {
    return Map.copyOf(states);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
