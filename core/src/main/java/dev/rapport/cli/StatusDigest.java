package dev.rapport.cli;

import static dev.rapport.internal.Records.count;
import static dev.rapport.internal.Records.opt;
import static dev.rapport.internal.Records.str;

import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.internal.PrivateFiles;
import dev.rapport.internal.Records;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageKind;
import dev.rapport.track.MessageSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What {@code status} keeps of a mailbox to judge it again when nothing changed on the server: the
 * {@linkplain ContactHistory#trimmed() trimmed} history of every contact, the texts the policy
 * reads, the latest message's time, and the {@linkplain MailboxSnapshot#stamp() stamp} of the
 * folders it was read from. States are not kept: they depend on the clock, so they are evaluated
 * afresh from the histories on every run, exactly as from a whole read of the mailbox.
 *
 * <p>On disk beside the sync cache, private to the user, written atomically and checksummed, and
 * tied to this build of Rapport (a new build may attribute messages differently): a file that is
 * missing, damaged or of another build or account is ignored and the mailbox read as usual.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stamp the folders as read
 * @param latest the time of the mailbox's latest dated message, or {@code null} if none is dated
 * @param histories every contact's trimmed history
 * @param texts the text of each contact's latest message that the policy reads, by {@link
 *     MessageSummary#key()}
 * @param asks whether each of those texts asks something, by text: what the ask detector of this
 *     build said (a file of another build is never read)
 */
record StatusDigest(
    String stamp,
    @Nullable Instant latest,
    List<ContactHistory> histories,
    Map<String, String> texts,
    Map<String, Boolean> asks) {

  /** Bumped whenever the layout, or what the histories keep, changes. */
  static final int VERSION = 2;

  private static final byte[] MAGIC = "RAPPORT-STATUS\n".getBytes(StandardCharsets.US_ASCII);

  StatusDigest {
    Objects.requireNonNull(stamp, "stamp");
    histories = List.copyOf(histories);
    texts = Map.copyOf(texts);
    asks = Map.copyOf(asks);
  }

  /**
   * Returns the digest of a whole read, or {@code null} if the read cannot stand for the mailbox
   * next time: some folder was not read (no stamp), or a text the policy reads is missing (the next
   * read tries it again).
   */
  static @Nullable StatusDigest of(MailboxSnapshot snap, Predicate<String> asksSomething) {
    if (snap.stamp() == null) {
      return null;
    }
    Map<String, String> texts = new HashMap<>();
    Map<String, Boolean> asks = new HashMap<>();
    for (MessageSummary m : snap.correspondence().textNeeded()) {
      String t = snap.text(m).orElse(null);
      if (t == null) {
        return null;
      }
      texts.put(m.key(), t);
      asks.put(t, asksSomething.test(t));
    }
    Instant latest = null;
    for (MessageSummary m : snap.messages()) {
      Instant t = m.time().orElse(null);
      if (t != null && (latest == null || t.isAfter(latest))) {
        latest = t;
      }
    }
    List<ContactHistory> histories = new ArrayList<>();
    for (ContactHistory h : snap.correspondence().contacts().values()) {
      histories.add(h.trimmed());
    }
    return new StatusDigest(snap.stamp(), latest, histories, texts, asks);
  }

  /** Returns the text kept of a message, or {@code null}. */
  @Nullable String text(MessageSummary m) {
    return texts.get(m.key());
  }

  /** The digest file beside an account's sync cache file. */
  static Path fileBeside(Path syncCacheFile) {
    String name = syncCacheFile.getFileName().toString();
    return syncCacheFile.resolveSibling(
        (name.endsWith(".cache") ? name.substring(0, name.length() - 6) : name) + ".status");
  }

  /** Reads a digest; {@code null} if there is none, or none of this build for this account. */
  static @Nullable StatusDigest load(Path file, String account) {
    try {
      return decode(Files.readAllBytes(file), account);
    } catch (IOException | RuntimeException e) {
      // Missing, unreadable, damaged, or from another build: the mailbox is read as usual.
      return null;
    }
  }

  /** Writes this digest. */
  void save(Path file, String account) throws IOException {
    PrivateFiles.write(file, encode(account), ".status-");
  }

  /**
   * What ties a file to this build: the version and the jar's size and time (classes in a folder,
   * as in tests, are tied by the version alone).
   */
  static String build() {
    String b = VERSION + "/" + Objects.toString(Main.class.getPackage().getImplementationVersion());
    try {
      CodeSource cs = StatusDigest.class.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null) {
        Path p = Path.of(cs.getLocation().toURI());
        if (Files.isRegularFile(p)) {
          b += "/" + Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis();
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // No file to tie to: the version alone.
    }
    return b;
  }

  // ---- layout: MAGIC, build, account, stamp, latest, histories, texts, CRC32 of all before it

  byte[] encode(String account) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    str(out, build());
    str(out, account);
    str(out, stamp);
    instant(out, latest);
    out.writeInt(histories.size());
    for (ContactHistory h : histories) {
      str(out, h.address());
      opt(out, h.name());
      out.writeInt(h.autoReplies());
      messages(out, h.sent());
      messages(out, h.received());
      out.writeInt(h.bounces().size());
      for (ContactHistory.Bounce b : h.bounces()) {
        instant(out, b.time());
        opt(out, b.messageId());
      }
    }
    out.writeInt(texts.size());
    for (Map.Entry<String, String> t : texts.entrySet()) {
      str(out, t.getKey());
      str(out, t.getValue());
      out.writeBoolean(Boolean.TRUE.equals(asks.get(t.getValue())));
    }
    out.flush();
    return Records.sealed(bytes.toByteArray());
  }

  static StatusDigest decode(byte[] bytes, String account) throws IOException {
    DataInputStream in = Records.opened(bytes, MAGIC, MAGIC.length + 8, "a status digest");
    if (!build().equals(str(in))) {
      throw new IOException("another build");
    }
    if (!account.equals(str(in))) {
      throw new IOException("another account");
    }
    String stamp = str(in);
    Instant latest = instant(in);
    int n = count(in);
    List<ContactHistory> histories = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String address = str(in);
      String name = opt(in);
      int autoReplies = in.readInt();
      List<MessageSummary> sent = messages(in);
      List<MessageSummary> received = messages(in);
      int nb = count(in);
      List<ContactHistory.Bounce> bounces = new ArrayList<>(nb);
      for (int j = 0; j < nb; j++) {
        Instant t = instant(in);
        if (t == null) {
          throw new IOException("a bounce without a time");
        }
        bounces.add(new ContactHistory.Bounce(t, opt(in)));
      }
      histories.add(new ContactHistory(address, name, sent, received, bounces, autoReplies));
    }
    int nt = count(in);
    Map<String, String> texts = new HashMap<>();
    Map<String, Boolean> asks = new HashMap<>();
    for (int i = 0; i < nt; i++) {
      String key = str(in);
      String text = str(in);
      texts.put(key, text);
      asks.put(text, in.readBoolean());
    }
    if (in.available() != 0) {
      throw new IOException("trailing bytes");
    }
    return new StatusDigest(stamp, latest, histories, texts, asks);
  }

  /**
   * A message as the policy reads it: where it is filed (its key), its id and its times; the rest
   * is left out.
   */
  private static void messages(DataOutputStream out, List<MessageSummary> ms) throws IOException {
    out.writeInt(ms.size());
    for (MessageSummary m : ms) {
      str(out, m.folder());
      out.writeByte(m.role().ordinal());
      out.writeLong(m.uid());
      instant(out, m.internalDate());
      instant(out, m.date());
      opt(out, m.messageId());
    }
  }

  private static List<MessageSummary> messages(DataInputStream in) throws IOException {
    int n = count(in);
    List<MessageSummary> out = new ArrayList<>(n);
    FolderRole[] roles = FolderRole.values();
    for (int i = 0; i < n; i++) {
      String folder = str(in);
      FolderRole role = roles[in.readUnsignedByte()];
      long uid = in.readLong();
      Instant internal = instant(in);
      Instant date = instant(in);
      String id = opt(in);
      out.add(
          new MessageSummary(
              folder,
              role,
              uid,
              internal,
              id,
              List.of(),
              List.of(),
              null,
              List.of(),
              List.of(),
              "",
              date,
              Map.of(),
              MessageKind.PERSONAL,
              null));
    }
    return out;
  }

  private static void instant(DataOutputStream out, @Nullable Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static @Nullable Instant instant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
