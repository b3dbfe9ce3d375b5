package dev.rapport.imap;

import static dev.rapport.internal.Records.count;
import static dev.rapport.internal.Records.opt;
import static dev.rapport.internal.Records.str;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rapport.draft.Address;
import dev.rapport.internal.PrivateFiles;
import dev.rapport.internal.Records;
import dev.rapport.track.DeliveryReport;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageKind;
import dev.rapport.track.MessageSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Remembers what earlier syncs read, so the next one fetches only what is new: in memory (Caffeine,
 * for a process that syncs again, such as a watcher) and on disk under {@code
 * $XDG_CACHE_HOME/rapport/} (or {@code ~/.cache/rapport/}), one file per account, private to the
 * user, written atomically, versioned and checksummed. A file that is unreadable, of another
 * version or for another account is discarded with a notice: the sync then starts over, never
 * answers wrong.
 *
 * <p>Thread-safe.
 */
public final class SyncCache {

  /**
   * Bumped whenever the file layout or the meaning of a summary changes. Version 2 added each
   * folder's {@link FolderState#restless()}; files of version 1 are still read (as not restless).
   */
  static final int VERSION = 2;

  private static final byte[] MAGIC = "RAPPORT-SYNC\n".getBytes(StandardCharsets.US_ASCII);

  private final @Nullable Path directory;
  private final Cache<String, Map<String, FolderState>> memory =
      Caffeine.newBuilder().maximumSize(16).build();

  /**
   * Creates a cache.
   *
   * @param directory where files go, or {@code null} to keep everything in memory only
   */
  public SyncCache(@Nullable Path directory) {
    this.directory = directory;
  }

  /** Returns {@code $XDG_CACHE_HOME/rapport}, or {@code ~/.cache/rapport}. */
  public static Path defaultDirectory(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(home, ".cache");
    return base.resolve("rapport");
  }

  /**
   * Returns the file an account's state is kept in under {@code directory}; other state of the
   * account's, such as status's digest, lives beside it.
   */
  public static Path fileIn(Path directory, String account) {
    String safe = account.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 60) {
      safe = safe.substring(0, 60);
    }
    return directory.resolve(safe + "-" + sha256(account).substring(0, 16) + ".cache");
  }

  /** The file of an account's state, or {@code null} for a cache in memory only. */
  @Nullable Path file(String account) {
    return directory == null ? null : fileIn(directory, account);
  }

  /** Loads what is known of an account; an empty map if nothing (or nothing trustworthy) is. */
  Map<String, FolderState> load(String account, Consumer<String> notices) {
    Map<String, FolderState> hit = memory.getIfPresent(account);
    if (hit != null) {
      return hit;
    }
    Path f = file(account);
    if (f == null) {
      return Map.of();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      notices.accept(
          "cannot read the cache "
              + f
              + " ("
              + e.getClass().getSimpleName()
              + "); reading the mailbox afresh");
      return Map.of();
    }
    try {
      Map<String, FolderState> state = decode(bytes, account);
      memory.put(account, state);
      return state;
    } catch (IOException | RuntimeException e) {
      notices.accept(
          "the cache " + f + " is damaged or from another version; reading the mailbox afresh");
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // It is replaced after the sync anyway.
      }
      return Map.of();
    }
  }

  /** Stores what a sync read. A failure to write is reported as a notice and costs only speed. */
  void save(String account, Map<String, FolderState> state, Consumer<String> notices) {
    Map<String, FolderState> copy = Map.copyOf(state);
    memory.put(account, copy);
    Path f = file(account);
    if (f == null) {
      return;
    }
    try {
      PrivateFiles.write(f, encode(copy, account), ".sync-");
    } catch (IOException | RuntimeException e) {
      notices.accept(
          "cannot write the cache "
              + f
              + " ("
              + e.getClass().getSimpleName()
              + "); the next run reads the mailbox afresh");
    }
  }

  /** Forgets an account, in memory and on disk. */
  public void clear(String account) throws IOException {
    memory.invalidate(account);
    Path f = file(account);
    if (f != null) {
      Files.deleteIfExists(f);
    }
  }

  // ---- file format: MAGIC, int version, string account, body..., long CRC32 of everything before
  // it

  static byte[] encode(Map<String, FolderState> state, String account) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    str(out, account);
    out.writeInt(state.size());
    for (FolderState f : state.values()) {
      str(out, f.name());
      out.writeByte(f.role().ordinal());
      out.writeLong(f.uidValidity());
      out.writeLong(f.uidNext());
      out.writeInt(f.messageCount());
      out.writeBoolean(f.restless());
      out.writeInt(f.messages().size());
      for (MessageSummary m : f.messages().values()) {
        writeSummary(out, m);
      }
      out.writeInt(f.texts().size());
      for (Map.Entry<Long, String> t : f.texts().entrySet()) {
        out.writeLong(t.getKey());
        str(out, t.getValue());
      }
    }
    out.flush();
    return Records.sealed(bytes.toByteArray());
  }

  static Map<String, FolderState> decode(byte[] bytes, String account) throws IOException {
    DataInputStream in = Records.opened(bytes, MAGIC, MAGIC.length + 12, "a Rapport cache");
    int version = in.readInt();
    if (version != VERSION && version != 1) {
      throw new IOException("other version");
    }
    if (!account.equals(str(in))) {
      throw new IOException("other account");
    }
    int folders = count(in);
    Map<String, FolderState> out = new LinkedHashMap<>();
    FolderRole[] roles = FolderRole.values();
    for (int i = 0; i < folders; i++) {
      String name = str(in);
      FolderRole role = roles[in.readUnsignedByte()];
      long validity = in.readLong();
      long next = in.readLong();
      int count = in.readInt();
      boolean restless = version >= 2 && in.readBoolean();
      int n = count(in);
      TreeMap<Long, MessageSummary> messages = new TreeMap<>();
      for (int j = 0; j < n; j++) {
        MessageSummary m = readSummary(in, name, role);
        messages.put(m.uid(), m);
      }
      int t = count(in);
      Map<Long, String> texts = new HashMap<>();
      for (int j = 0; j < t; j++) {
        texts.put(in.readLong(), str(in));
      }
      out.put(name, new FolderState(name, role, validity, next, count, messages, texts, restless));
    }
    if (in.available() != 0) {
      throw new IOException("trailing bytes");
    }
    return out;
  }

  private static void writeSummary(DataOutputStream out, MessageSummary m) throws IOException {
    out.writeLong(m.uid());
    out.writeLong(m.internalDate() == null ? Long.MIN_VALUE : m.internalDate().toEpochMilli());
    opt(out, m.messageId());
    strs(out, m.inReplyTo());
    strs(out, m.references());
    out.writeBoolean(m.from() != null);
    if (m.from() != null) {
      address(out, m.from());
    }
    out.writeInt(m.to().size());
    for (Address a : m.to()) {
      address(out, a);
    }
    out.writeInt(m.cc().size());
    for (Address a : m.cc()) {
      address(out, a);
    }
    str(out, m.subject());
    out.writeLong(m.date() == null ? Long.MIN_VALUE : m.date().toEpochMilli());
    out.writeInt(m.fields().size());
    for (Map.Entry<String, String> e : m.fields().entrySet()) {
      str(out, e.getKey());
      str(out, e.getValue());
    }
    out.writeByte(m.kind().ordinal());
    DeliveryReport r = m.report();
    out.writeBoolean(r != null);
    if (r != null) {
      out.writeBoolean(r.failed());
      strs(out, r.failedRecipients());
      opt(out, r.originalMessageId());
    }
  }

  private static MessageSummary readSummary(DataInputStream in, String folder, FolderRole role)
      throws IOException {
    long uid = in.readLong();
    Instant internal = instant(in.readLong());
    String id = opt(in);
    List<String> irt = strs(in);
    List<String> refs = strs(in);
    Address from = in.readBoolean() ? address(in) : null;
    List<Address> to = addresses(in);
    List<Address> cc = addresses(in);
    String subject = str(in);
    Instant date = instant(in.readLong());
    int nf = count(in);
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < nf; i++) {
      fields.put(str(in), str(in));
    }
    MessageKind kind = MessageKind.values()[in.readUnsignedByte()];
    DeliveryReport report = null;
    if (in.readBoolean()) {
      boolean failed = in.readBoolean();
      List<String> rec = strs(in);
      report = new DeliveryReport(failed, rec, opt(in));
    }
    return new MessageSummary(
        folder, role, uid, internal, id, irt, refs, from, to, cc, subject, date, fields, kind,
        report);
  }

  private static @Nullable Instant instant(long millis) {
    return millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis);
  }

  private static void address(DataOutputStream out, Address a) throws IOException {
    opt(out, a.name());
    str(out, a.email());
  }

  private static Address address(DataInputStream in) throws IOException {
    String name = opt(in);
    return new Address(name, str(in));
  }

  private static List<Address> addresses(DataInputStream in) throws IOException {
    int n = count(in);
    List<Address> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(address(in));
    }
    return out;
  }

  private static void strs(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      str(out, s);
    }
  }

  private static List<String> strs(DataInputStream in) throws IOException {
    int n = count(in);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(str(in));
    }
    return out;
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
