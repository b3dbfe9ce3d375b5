package dev.rapport.testing;

import jakarta.mail.Flags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.jspecify.annotations.Nullable;

/**
 * Writes messages straight into a Maildir++ tree as Dovecot lays it out: INBOX is the root, other
 * folders are {@code .Name} directories (levels joined by {@code .}, names in modified UTF-7), each
 * with {@code cur/new/tmp}; flags are in the file name, keywords in {@code dovecot-keywords}, and
 * the file's mtime is the message's INTERNALDATE. Dovecot gives UIDs in the order messages were
 * added.
 *
 * <p>Fast enough for benchmark mailboxes (100,000 messages in a few seconds). Get one from {@link
 * DovecotServer#maildir(String)}; {@link #close()} hands every file to the mail user (uid 65534),
 * so close it before the server reads the folders. Under a running server each message is written
 * to {@code tmp/} first and renamed, so Dovecot never sees half a file, and a new folder is created
 * through IMAP first, so Dovecot's folder list knows it.
 *
 * <p>Not thread-safe: use one builder from one thread.
 */
public final class MaildirBuilder implements AutoCloseable {
  /** Makes file names unique and ascending across builders in this JVM. */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private static final long BOOT_SECOND = Instant.now().getEpochSecond();
  private static final long PID = ProcessHandle.current().pid();

  private final Path maildir;
  private final int uid;
  private final int gid;
  private final boolean live;
  private final @Nullable Consumer<String> liveFolderCreator;
  private final Map<String, Path> folders = new HashMap<>();
  private final Map<Path, List<String>> keywords = new HashMap<>();
  private int count;
  private boolean closed;

  /**
   * @param live whether a server is running on this Maildir: messages then go through {@code tmp/}
   * @param liveFolderCreator creates a folder the server does not know yet, through IMAP (a folder
   *     made by hand under a running Dovecot can stay invisible to its cached folder list)
   */
  MaildirBuilder(
      Path maildir, int uid, int gid, boolean live, @Nullable Consumer<String> liveFolderCreator) {
    this.maildir = maildir;
    this.uid = uid;
    this.gid = gid;
    this.live = live;
    this.liveFolderCreator = liveFolderCreator;
  }

  /**
   * Adds a message. {@code raw} is RFC 5322 bytes (CRLF or LF line ends; stored with LF as Dovecot
   * does); {@code internalDate} becomes the file's mtime; {@code flags} may hold system flags (not
   * {@code \Recent}) and keywords (at most 26 per folder, Dovecot's Maildir limit).
   *
   * @param folder {@code INBOX} or a folder name with {@code /} between levels; created if missing
   */
  public MaildirBuilder add(String folder, byte[] raw, Instant internalDate, Flags flags) {
    checkOpen();
    Path dir = createFolder(folder);
    byte[] lf = toLf(raw);
    long lines = 0;
    for (byte b : lf) {
      if (b == '\n') {
        lines++;
      }
    }
    long seq = SEQUENCE.incrementAndGet();
    // Zero-padded, so names sort in the order messages were added, as the time-stamped names of
    // a delivery agent do: Courier numbers messages in the order of their names.
    String digits = Long.toString(seq);
    String base =
        BOOT_SECOND
            + ".M"
            + "0".repeat(Math.max(0, 9 - digits.length()))
            + digits
            + "P"
            + PID
            + ".rapport-test,S="
            + lf.length
            + ",W="
            + (lf.length + lines);
    String name = base + ":2," + flagLetters(dir, flags);
    FileTime mtime = FileTime.from(internalDate);
    try {
      Path target = dir.resolve("cur").resolve(name);
      if (live) {
        Path tmp = dir.resolve("tmp").resolve(base);
        Files.write(tmp, lf, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(tmp, mtime);
        chown(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.write(target, lf, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setLastModifiedTime(target, mtime);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a message into " + dir, e);
    }
    count++;
    return this;
  }

  /** Adds a message without flags (unread). */
  public MaildirBuilder add(String folder, byte[] raw, Instant internalDate) {
    return add(folder, raw, internalDate, new Flags());
  }

  /** Adds a {@link Mail}, its INTERNALDATE being its {@link Mail#date()}. */
  public MaildirBuilder add(String folder, Mail mail, Flags flags) {
    return add(folder, mail.bytes(), mail.date(), flags);
  }

  /** Adds an unread {@link Mail}, its INTERNALDATE being its {@link Mail#date()}. */
  public MaildirBuilder add(String folder, Mail mail) {
    return add(folder, mail, new Flags());
  }

  /** How many messages this builder wrote. */
  public int count() {
    return count;
  }

  /**
   * Creates a folder (and its {@code cur/new/tmp}) if missing and returns its directory; parent
   * levels stay unselectable ({@code \Noselect}), as when a client creates {@code A/B}.
   */
  public Path createFolder(String folder) {
    checkOpen();
    Path dir = folders.get(folder);
    if (dir != null) {
      return dir;
    }
    dir = folderDirectory(maildir, folder);
    if (live && liveFolderCreator != null && !Files.isDirectory(dir)) {
      liveFolderCreator.accept(folder);
    }
    try {
      boolean isNew = !Files.isDirectory(dir.resolve("cur"));
      for (String sub : List.of("cur", "new", "tmp")) {
        Files.createDirectories(dir.resolve(sub));
      }
      if (!dir.equals(maildir)) {
        Path marker = dir.resolve("maildirfolder");
        if (!Files.exists(marker)) {
          Files.createFile(marker);
        }
      }
      if (live && isNew) {
        chown(dir);
        for (String sub : List.of("cur", "new", "tmp", "maildirfolder")) {
          if (Files.exists(dir.resolve(sub))) {
            chown(dir.resolve(sub));
          }
        }
      }
    } catch (FileAlreadyExistsException e) {
      // Created concurrently by Dovecot: fine.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create folder " + folder + " in " + maildir, e);
    }
    folders.put(folder, dir);
    return dir;
  }

  /** The directory Dovecot uses for a folder of the Maildir rooted at {@code maildir}. */
  public static Path folderDirectory(Path maildir, String folder) {
    if (folder.equalsIgnoreCase("INBOX")) {
      return maildir;
    }
    String[] levels = folder.split("/", -1);
    StringBuilder name = new StringBuilder();
    for (String level : levels) {
      if (level.isEmpty() || level.contains(".")) {
        throw new IllegalArgumentException("unusable folder name: '" + folder + "'");
      }
      name.append('.').append(BASE64MailboxEncoder.encode(level));
    }
    return maildir.resolve(name.toString());
  }

  /** Hands the whole Maildir to the mail user (uid 65534). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Files.exists(maildir)) {
      chownTree(maildir, uid, gid);
    }
  }

  // Dovecot keeps keyword i of a folder as letter 'a' + i, listed in its dovecot-keywords file.
  private String flagLetters(Path dir, Flags flags) {
    StringBuilder letters = new StringBuilder();
    if (flags.contains(Flags.Flag.DRAFT)) {
      letters.append('D');
    }
    if (flags.contains(Flags.Flag.FLAGGED)) {
      letters.append('F');
    }
    if (flags.contains(Flags.Flag.ANSWERED)) {
      letters.append('R');
    }
    if (flags.contains(Flags.Flag.SEEN)) {
      letters.append('S');
    }
    if (flags.contains(Flags.Flag.DELETED)) {
      letters.append('T');
    }
    String[] user = flags.getUserFlags();
    if (user.length > 0) {
      List<String> known = keywords.computeIfAbsent(dir, this::readKeywords);
      List<Character> chosen = new ArrayList<>();
      for (String k : user) {
        if (k.isEmpty() || k.matches(".*[\\s()\\[\\]{}%*\"\\\\].*")) {
          throw new IllegalArgumentException("not an IMAP keyword: '" + k + "'");
        }
        int i = indexIgnoringCase(known, k);
        if (i < 0) {
          if (known.size() == 26) {
            throw new IllegalArgumentException("more than 26 keywords in " + dir);
          }
          known.add(k);
          i = known.size() - 1;
          // Written before the message, so Dovecot never sees a letter it cannot resolve.
          writeKeywords(dir, known);
        }
        chosen.add((char) ('a' + i));
      }
      chosen.stream().sorted().distinct().forEach(letters::append);
    }
    return letters.toString();
  }

  private void writeKeywords(Path dir, List<String> known) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < known.size(); i++) {
      text.append(i).append(' ').append(known.get(i)).append('\n');
    }
    Path file = dir.resolve("dovecot-keywords");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      if (live) {
        chown(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private List<String> readKeywords(Path dir) {
    List<String> list = new ArrayList<>();
    Path file = dir.resolve("dovecot-keywords");
    if (!Files.exists(file)) {
      return list;
    }
    try {
      Map<Integer, String> byIndex = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        if (space > 0) {
          byIndex.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
        }
      }
      for (int i = 0; byIndex.containsKey(i); i++) {
        list.add(byIndex.get(i));
      }
      return list;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("unreadable " + file, e);
    }
  }

  private static int indexIgnoringCase(List<String> list, String k) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).toLowerCase(Locale.ROOT).equals(k.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] toLf(byte[] raw) {
    int crlf = 0;
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n') {
        crlf++;
      }
    }
    if (crlf == 0) {
      return raw;
    }
    byte[] out = new byte[raw.length - crlf];
    int j = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
        continue;
      }
      out[j++] = raw[i];
    }
    return out;
  }

  private void chown(Path p) throws IOException {
    Files.setAttribute(p, "unix:uid", uid);
    Files.setAttribute(p, "unix:gid", gid);
  }

  /** {@code chown -R uid:gid dir}, in one process rather than a Java call per file. */
  static void chownTree(Path dir, int uid, int gid) {
    try {
      Process p =
          new ProcessBuilder("chown", "-R", uid + ":" + gid, dir.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("chown -R " + dir + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run chown", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during chown", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this MaildirBuilder was closed");
    }
  }
}
