package dev.rapport.imap;

import dev.rapport.track.Correspondence;
import dev.rapport.track.DeliveryReport;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageKind;
import dev.rapport.track.MessageSummary;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * Reads a mailbox for tracking, read-only: every folder but Drafts is examined ({@code EXAMINE}),
 * header fields only are fetched ({@code BODY.PEEK[HEADER.FIELDS (...)]}), and bodies only for
 * delivery reports and the first few KB of the user's latest message to each contact who has
 * replied before. Flags are never changed: a message is never marked seen.
 *
 * <p>Incremental: what earlier syncs read comes from a {@link SyncCache}; a folder whose
 * UIDVALIDITY, UIDNEXT and message count are unchanged (one {@code STATUS}) is not even opened;
 * otherwise only UIDs from the cached UIDNEXT on are fetched, and expunged messages are dropped.
 * Headers of a message never change, so this needs neither flags nor CONDSTORE to stay exact. A
 * folder whose UIDVALIDITY changed is first matched by Message-ID and INTERNALDATE ({@link
 * KeyedSync}): where the server only gave a new number and every message kept its UID (Courier does
 * so on every connection for a folder no client opened read-write) the cache stands, nothing is
 * said, and the folder is matched so on every later sync; a folder really renumbered is read afresh
 * with a notice.
 *
 * <p>On Gmail (X-GM-EXT-1), All Mail, Sent, Trash and Spam are read instead of every label.
 *
 * <p>Thread-safe if the cache is: each {@link #read} uses its own connection.
 */
public final class MailboxReader {

  private static final int BATCH = 1000;

  private final ImapOptions options;
  private final SyncCache cache;

  /** Creates a reader. */
  public MailboxReader(ImapOptions options, SyncCache cache) {
    this.options = Objects.requireNonNull(options, "options");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Connects, syncs and disconnects.
   *
   * @throws ImapException if the server cannot be reached, refuses the login or fails mid-way; the
   *     message is one line and never contains the secret
   */
  public MailboxSnapshot read(ImapUrl url, Credentials credentials, SyncListener listener)
      throws ImapException {
    return Objects.requireNonNull(read(url, credentials, listener, null));
  }

  /**
   * As {@link #read(ImapUrl, Credentials, SyncListener)}, unless every folder is as it was when the
   * snapshot with this {@link MailboxSnapshot#stamp() stamp} was read: then nothing is read but the
   * folder list and one {@code STATUS} per folder, and the answer is empty.
   *
   * @param since the stamp of an earlier snapshot of this account
   */
  public Optional<MailboxSnapshot> readIfChanged(
      ImapUrl url, Credentials credentials, SyncListener listener, String since)
      throws ImapException {
    return Optional.ofNullable(
        read(url, credentials, listener, Objects.requireNonNull(since, "since")));
  }

  private @Nullable MailboxSnapshot read(
      ImapUrl url, Credentials credentials, SyncListener listener, @Nullable String since)
      throws ImapException {
    ServerGuard guard = new ServerGuard(url.host() + ":" + url.port(), options.deadline());
    IMAPStore store = ImapConnector.connect(url, credentials, options, guard);
    try {
      return read(store, url, listener, guard, since);
    } catch (ImapException e) {
      throw ImapConnector.guarded(guard, e);
    } finally {
      // LOGOUT waits for the server's answer: a server that trickles it must not hold up what was
      // read. Past the deadline the connection is cut, and what was read stands.
      guard.arm("LOGOUT");
      try {
        store.close();
      } catch (MessagingException | RuntimeException ignored) {
        // Closing a broken connection: nothing left to do.
      } finally {
        guard.disarm();
      }
    }
  }

  /**
   * Syncs over a connection the caller keeps open between syncs (a watcher does, so news costs no
   * new login). Failures are translated as by {@link #read(ImapUrl, Credentials, SyncListener)};
   * the connection is left open either way: a caller that sees a failure should close it.
   */
  MailboxSnapshot read(IMAPStore store, ImapUrl url, SyncListener listener) throws ImapException {
    return read(store, url, listener, null);
  }

  /**
   * As {@link #read(IMAPStore, ImapUrl, SyncListener)}, each command within the guard's deadline.
   */
  MailboxSnapshot read(
      IMAPStore store, ImapUrl url, SyncListener listener, @Nullable ServerGuard guard)
      throws ImapException {
    return Objects.requireNonNull(read(store, url, listener, guard, null));
  }

  private @Nullable MailboxSnapshot read(
      IMAPStore store,
      ImapUrl url,
      SyncListener listener,
      @Nullable ServerGuard guard,
      @Nullable String since)
      throws ImapException {
    try {
      return sync(store, url, listener, guard == null ? what -> {} : guard::arm, since);
    } catch (MessagingException e) {
      throw ImapConnector.translate(url, e);
    } catch (RuntimeException e) {
      throw new ImapException(
          ImapException.Reason.PROTOCOL,
          "unexpected answer from " + url.host() + ": " + e.getClass().getSimpleName(),
          e);
    }
  }

  /** Lists the folders with their roles. */
  static List<FolderInfo> folders(IMAPStore store) throws MessagingException {
    List<FolderRoles.Listed> listed = new ArrayList<>();
    for (Folder f : store.getDefaultFolder().list("*")) {
      IMAPFolder imf = (IMAPFolder) f;
      listed.add(
          new FolderRoles.Listed(
              imf.getFullName(), imf.getSeparator(), Arrays.asList(imf.getAttributes())));
    }
    return FolderRoles.roles(listed);
  }

  /** Starts the deadline of the next command, on a guarded connection. */
  interface Step {
    void arm(String what);
  }

  /**
   * Returns the snapshot, or {@code null} if {@code since} is the stamp of the mailbox as it is.
   */
  private @Nullable MailboxSnapshot sync(
      IMAPStore store, ImapUrl url, SyncListener outer, Step step, @Nullable String since)
      throws MessagingException, ImapException {
    String account = url.account();
    // Notices about folders that cannot be read are held back: if no folder can be read, they are
    // one error, not a screenful of notices and then "No contacts yet".
    List<String> folderNotices = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void notice(String message) {
            if (message.startsWith(CANNOT)) {
              folderNotices.add(message);
            } else {
              outer.notice(message);
            }
          }

          @Override
          public void progress(String folder, int done, int total) {
            outer.progress(folder, done, total);
          }
        };
    step.arm("the folder list");
    List<FolderInfo> folders = folders(store);
    boolean gmail = store.hasCapability("X-GM-EXT-1");
    List<FolderInfo> reading = toRead(folders, gmail);
    // Every folder's STATUS first: when they all match the caller's stamp, the cache is not even
    // loaded.
    // A folder whose STATUS failed is absent (a notice said why); one the server gave no STATUS
    // answer for maps to null.
    Map<String, @Nullable Status> statuses = new HashMap<>();
    try {
      for (FolderInfo fi : reading) {
        StatusAnswer a = status(store, fi, listener, step);
        if (a != null) {
          statuses.put(fi.name(), a.status());
        }
      }
    } catch (FolderClosedException | StoreClosedException e) {
      throw new ImapException(
          ImapException.Reason.UNREACHABLE,
          "the connection to " + url.host() + " was lost during the sync",
          e);
    }
    if (since != null && statuses.size() == reading.size()) {
      StringBuilder live = new StringBuilder();
      for (FolderInfo fi : reading) {
        Status st = statuses.get(fi.name());
        if (st == null) {
          live = null;
          break;
        }
        stamp(live, fi.name(), fi.role(), st.uidvalidity, st.uidnext, st.total);
      }
      if (live != null && since.contentEquals(live)) {
        return null;
      }
    }
    Map<String, FolderState> old = cache.load(account, listener::notice);
    Map<String, FolderState> now = new LinkedHashMap<>();
    int[] fetched = {0};
    try {
      for (FolderInfo fi : reading) {
        FolderState st =
            syncFolder(
                store,
                fi,
                statuses.get(fi.name()),
                statuses.containsKey(fi.name()),
                old.get(fi.name()),
                listener,
                fetched,
                step);
        if (st != null) {
          now.put(fi.name(), st);
        }
      }
    } catch (FolderClosedException | StoreClosedException e) {
      keepCompleted(account, old, now, listener);
      throw new ImapException(
          ImapException.Reason.UNREACHABLE,
          "the connection to " + url.host() + " was lost during the sync",
          e);
    }
    int unread = folderNotices.size();
    if (unread > 0 && now.isEmpty()) {
      throw new ImapException(
          ImapException.Reason.PROTOCOL,
          "could not read any of the "
              + unread
              + " folder"
              + (unread == 1 ? "" : "s")
              + " on "
              + url.host()
              + "; the first: "
              + folderNotices.get(0).substring(CANNOT.length()));
    }
    for (String n : folderNotices) {
      outer.notice(n);
    }

    Set<String> user = new HashSet<>();
    if (url.user().contains("@")) {
      user.add(url.user().toLowerCase(Locale.ROOT));
    }
    Correspondence correspondence = Correspondence.of(all(now), user);
    Map<String, Map<Long, String>> newTexts = new HashMap<>();
    for (MessageSummary m : correspondence.textNeeded()) {
      FolderState st = now.get(m.folder());
      if (st != null && !st.texts().containsKey(m.uid())) {
        newTexts.computeIfAbsent(m.folder(), k -> new HashMap<>()).put(m.uid(), "");
      }
    }
    for (Map.Entry<String, Map<Long, String>> e : newTexts.entrySet()) {
      FolderState st = Objects.requireNonNull(now.get(e.getKey()));
      Map<Long, String> texts = new HashMap<>(st.texts());
      texts.putAll(readTexts(store, st.name(), e.getValue().keySet(), listener, step));
      now.put(st.name(), st.withTexts(texts));
    }
    if (!sameStates(old, now)) {
      // A watcher syncs on every new message: rewriting an unchanged cache file each time would be
      // waste.
      cache.save(account, now, listener::notice);
    }

    List<MessageSummary> messages = all(now);
    Map<String, String> texts = new HashMap<>();
    for (FolderState st : now.values()) {
      for (Map.Entry<Long, String> t : st.texts().entrySet()) {
        MessageSummary m = st.messages().get(t.getKey());
        if (m != null) {
          texts.put(m.key(), t.getValue());
        }
      }
    }
    // A stamp only for a sync that read every folder: the folders' UIDVALIDITY, UIDNEXT and message
    // count as read, which the next STATUS matches only if nothing came, went or was renumbered.
    String stamp = null;
    if (folderNotices.isEmpty()
        && statuses.size() == reading.size()
        && !statuses.containsValue(null)) {
      StringBuilder b = new StringBuilder();
      for (FolderInfo fi : reading) {
        FolderState st = now.get(fi.name());
        if (st == null) {
          b = null;
          break;
        }
        stamp(b, st.name(), st.role(), st.uidValidity(), st.uidNext(), st.messageCount());
      }
      stamp = b == null ? null : b.toString();
    }
    return new MailboxSnapshot(
        account, folders, messages, correspondence, texts, fetched[0], stamp);
  }

  private static void stamp(
      StringBuilder b, String folder, FolderRole role, long validity, long next, long count) {
    b.append(folder)
        .append('\u0000')
        .append(role)
        .append(' ')
        .append(validity)
        .append(' ')
        .append(next)
        .append(' ')
        .append(count)
        .append('\n');
  }

  /** Whether a sync changed nothing: every folder's state is the very object the cache gave. */
  private static boolean sameStates(Map<String, FolderState> old, Map<String, FolderState> now) {
    if (old.size() != now.size()) {
      return false;
    }
    for (Map.Entry<String, FolderState> e : now.entrySet()) {
      if (old.get(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The folders to read: all but Drafts; on Gmail (X-GM-EXT-1) with an All Mail folder, only All
   * Mail, Sent, Trash and Spam, since every label is a view of All Mail and only Trash and Spam
   * hold mail All Mail leaves out.
   */
  static List<FolderInfo> toRead(List<FolderInfo> folders, boolean gmail) {
    boolean allMail = gmail && folders.stream().anyMatch(f -> f.role() == FolderRole.ALL);
    List<FolderInfo> out = new ArrayList<>();
    for (FolderInfo fi : folders) {
      if (fi.role() == FolderRole.DRAFTS) {
        continue;
      }
      if (allMail
          && !Set.of(FolderRole.ALL, FolderRole.SENT, FolderRole.TRASH, FolderRole.JUNK)
              .contains(fi.role())) {
        continue;
      }
      out.add(fi);
    }
    return out;
  }

  private void keepCompleted(
      String account,
      Map<String, FolderState> old,
      Map<String, FolderState> done,
      SyncListener listener) {
    Map<String, FolderState> merged = new LinkedHashMap<>(old);
    merged.putAll(done);
    cache.save(account, merged, listener::notice);
  }

  private static List<MessageSummary> all(Map<String, FolderState> state) {
    List<MessageSummary> out = new ArrayList<>();
    for (FolderState st : state.values()) {
      out.addAll(st.messages().values());
    }
    return out;
  }

  private static FetchProfile headerProfile() {
    FetchProfile fp = new FetchProfile();
    fp.add(UIDFolder.FetchProfileItem.UID);
    fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    for (String h : MessageSummary.HEADER_FIELDS) {
      fp.add(h);
    }
    return fp;
  }

  /** A server's answer without the command's tag ("A4 NO [SERVERBUG] …" → "NO [SERVERBUG] …"). */
  private static String untagged(String answer) {
    return answer.replaceFirst("^[A-Za-z0-9.]{1,12} (?=(NO|BAD)\\b)", "");
  }

  /** How every notice about a folder that could not be read begins. */
  private static final String CANNOT = "cannot read folder ";

  /** A folder's STATUS, or {@code null} if the server sent no answer but OK. */
  private record StatusAnswer(@Nullable Status status) {}

  /** Asks a folder's STATUS; {@code null} if it failed (and a notice said why). */
  private static @Nullable StatusAnswer status(
      IMAPStore store, FolderInfo fi, SyncListener listener, Step step) throws MessagingException {
    step.arm("STATUS of " + fi.name());
    IMAPFolder f = (IMAPFolder) store.getFolder(fi.name());
    try {
      return new StatusAnswer(
          (Status)
              f.doCommand(
                  p -> p.status(fi.name(), new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY"})));
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      listener.notice(
          CANNOT
              + fi.name()
              + ": STATUS failed: "
              + untagged(ImapConnector.oneLine(e.getMessage())));
      return null;
    }
  }

  private @Nullable FolderState syncFolder(
      IMAPStore store,
      FolderInfo fi,
      @Nullable Status status,
      boolean answered,
      @Nullable FolderState cached,
      SyncListener listener,
      int[] fetched,
      Step step)
      throws MessagingException {
    IMAPFolder f = (IMAPFolder) store.getFolder(fi.name());
    if (!answered) {
      return cached;
    }
    if (cached != null
        && cached.role() == fi.role()
        && status != null
        && cached.uidValidity() == status.uidvalidity
        && cached.uidNext() == status.uidnext
        && cached.messageCount() == status.total) {
      return cached;
    }
    step.arm("EXAMINE of " + fi.name());
    try {
      f.open(Folder.READ_ONLY);
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      listener.notice(
          CANNOT
              + fi.name()
              + " (EXAMINE failed): "
              + untagged(ImapConnector.oneLine(e.getMessage())));
      return cached;
    }
    @Nullable FolderState read;
    try {
      read = readFolder(f, fi, cached, listener, fetched, step);
    } finally {
      step.arm("CLOSE of " + fi.name());
      close(f);
    }
    if (read == null) {
      return cached;
    }
    // Messages another client expunged while we fetched may have been read all the same; a fresh
    // STATUS tells, and then the folder's UIDs are checked once more.
    step.arm("STATUS of " + fi.name());
    Status after =
        (Status) f.doCommand(p -> p.status(fi.name(), new String[] {"MESSAGES", "UIDVALIDITY"}));
    // Not on a restless folder: its UIDs may have moved since (Courier renumbers by file name), and
    // its next sync matches every message by key anyway.
    if (after != null
        && !read.restless()
        && after.uidvalidity == read.uidValidity()
        && after.total != read.messageCount()) {
      step.arm("EXAMINE of " + fi.name());
      f.open(Folder.READ_ONLY);
      try {
        step.arm("FETCH of the UIDs in " + fi.name());
        TreeMap<Long, MessageSummary> msgs = new TreeMap<>(read.messages());
        Map<Long, String> texts = new HashMap<>(read.texts());
        dropExpunged(f, msgs, texts);
        read =
            new FolderState(
                fi.name(), fi.role(), read.uidValidity(), read.uidNext(), msgs.size(), msgs, texts);
      } finally {
        step.arm("CLOSE of " + fi.name());
        close(f);
      }
    }
    return read;
  }

  private static void close(IMAPFolder f) {
    if (f.isOpen()) {
      try {
        f.close(false);
      } catch (MessagingException ignored) {
        // Read-only: closing changes nothing on the server.
      }
    }
  }

  private @Nullable FolderState readFolder(
      IMAPFolder f,
      FolderInfo fi,
      @Nullable FolderState cached,
      SyncListener listener,
      int[] fetched,
      Step step)
      throws MessagingException {
    long validity = f.getUIDValidity();
    TreeMap<Long, MessageSummary> msgs = new TreeMap<>();
    Map<Long, String> texts = new HashMap<>();
    long start = 1;
    if (cached != null) {
      if (cached.uidValidity() == validity && !cached.restless()) {
        for (MessageSummary m : cached.messages().values()) {
          msgs.put(m.uid(), m.role() == fi.role() ? m : m.inFolder(fi.name(), fi.role(), m.uid()));
        }
        texts.putAll(cached.texts());
        start = cached.uidNext();
      } else {
        // A new UIDVALIDITY may be only a new number (Courier's on every connection): matching the
        // messages by Message-ID and INTERNALDATE tells, and then costs no header of a known one.
        KeyedSync.Read keyed = KeyedSync.read(f, fi, cached, validity, step);
        if (keyed != null) {
          fetched[0] += keyed.fetched();
          return keyed.state();
        }
        listener.notice(
            "folder "
                + fi.name()
                + " was renumbered by the server (UIDVALIDITY changed); reading it afresh");
      }
    }
    int count = f.getMessageCount();
    int[] numbers; // the message numbers to read, ascending
    if (count == 0) {
      numbers = new int[0];
    } else if (start <= 1) {
      // Every message: no message object per message is needed to know their numbers.
      numbers = new int[count];
      for (int i = 0; i < count; i++) {
        numbers[i] = i + 1;
      }
    } else {
      numbers =
          Arrays.stream(f.getMessagesByUID(start, UIDFolder.LASTUID))
              .filter(m -> m != null && !m.isExpunged())
              .mapToInt(Message::getMessageNumber)
              .sorted()
              .toArray();
    }
    HeaderRead read = new HeaderRead(fi, start, msgs, fetched);
    // One FETCH per BATCH of message numbers, their answers parsed as they come: no message object,
    // header store or date formatter per message (Angus's own fetch spends most of a sync there),
    // and the next FETCH is sent before this one's answers are in, so the server prepares one batch
    // while the client parses the other.
    List<int[]> ranges = new ArrayList<>();
    BitSet wanted = new BitSet();
    for (int i = 0; i < numbers.length; i += BATCH) {
      int[] range = {numbers[i], numbers[Math.min(numbers.length, i + BATCH) - 1]};
      ranges.add(range);
      wanted.set(range[0], range[1] + 1);
    }
    step.arm("FETCH in " + fi.name());
    boolean renumbered =
        fetchPipelined(
            f,
            ranges,
            HEADER_ITEMS,
            r -> {
              if (wanted.get(r.getNumber())) {
                read.header(r);
              }
            },
            batches -> {
              step.arm("FETCH in " + fi.name());
              listener.progress(
                  fi.name(), Math.min(numbers.length, batches * BATCH), numbers.length);
            });
    // A message the answers left out is read the way Angus reads one.
    List<Message> rest = new ArrayList<>();
    if (!renumbered) {
      BitSet left = (BitSet) wanted.clone();
      left.andNot(read.answered);
      for (int n = left.nextSetBit(0); n >= 0; n = left.nextSetBit(n + 1)) {
        rest.add(f.getMessage(n));
      }
    } else {
      // Another client expunged messages meanwhile, so the numbers moved: go by UID instead.
      Message[] all = start <= 1 ? f.getMessages() : f.getMessagesByUID(start, UIDFolder.LASTUID);
      FetchProfile uids = new FetchProfile();
      uids.add(UIDFolder.FetchProfileItem.UID);
      step.arm("FETCH of the UIDs in " + fi.name());
      try {
        f.fetch(all, uids);
      } catch (FolderClosedException | StoreClosedException e) {
        throw e;
      } catch (MessagingException e) {
        // Expunged meanwhile: each message is checked below.
      }
      for (Message m : all) {
        if (m != null && !m.isExpunged()) {
          try {
            if (!read.answeredUids.contains(f.getUID(m))) {
              rest.add(m);
            }
          } catch (MessageRemovedException e) {
            // gone
          }
        }
      }
    }
    FetchProfile fp = headerProfile();
    for (int i = 0; i < rest.size(); i += BATCH) {
      List<Message> batch = rest.subList(i, Math.min(rest.size(), i + BATCH));
      step.arm("FETCH in " + fi.name());
      try {
        f.fetch(batch.toArray(new Message[0]), fp);
      } catch (FolderClosedException | StoreClosedException e) {
        throw e;
      } catch (MessagingException e) {
        // Typically some messages were expunged while we fetched; each is checked below.
      }
      for (Message m : batch) {
        read.message(f, (IMAPMessage) m);
      }
    }
    long firstFailed = read.firstFailed;
    int failures = read.failures;
    Map<Long, Integer> newBounces = read.newBounces;

    if (failures > 0 && msgs.isEmpty()) {
      listener.notice(
          CANNOT
              + fi.name()
              + ": none of its "
              + failures
              + " message"
              + (failures == 1 ? "" : "s")
              + " could be read (the server's FETCH answers are malformed)");
      return null;
    }
    Map<Long, byte[]> reports = new HashMap<>();
    if (!newBounces.isEmpty()) {
      step.arm("FETCH of the delivery reports in " + fi.name());
      reports = peekAll(f, newBounces, DeliveryReport.MAX_BYTES);
    }
    for (long uid : newBounces.keySet()) {
      MessageSummary s = msgs.get(uid);
      if (s != null) {
        byte[] raw = reports.get(uid);
        if (raw == null) {
          // Left out of the batch's answers (renumbered by an expunge meanwhile): read on its own.
          step.arm("FETCH of a delivery report in " + fi.name());
          raw = peek(f, uid, DeliveryReport.MAX_BYTES);
        }
        msgs.put(
            uid, s.withReport(DeliveryReport.parse(raw, s.fields().get("x-failed-recipients"))));
      }
    }

    if (f.getMessageCount() != msgs.size()) {
      dropExpunged(f, msgs, texts);
    }
    long next = f.getUIDNext();
    if (next <= 0) {
      next = msgs.isEmpty() ? start : Math.max(start, msgs.lastKey() + 1);
    }
    next = Math.min(next, firstFailed);
    return new FolderState(fi.name(), fi.role(), validity, next, msgs.size(), msgs, texts);
  }

  /** What one FETCH of the header fields asks for each message. */
  static final String HEADER_ITEMS =
      "UID INTERNALDATE BODY.PEEK[HEADER.FIELDS ("
          + String.join(" ", MessageSummary.HEADER_FIELDS)
          + ")]";

  /** How many header FETCH commands are outstanding at once. */
  private static final int PIPELINE = 2;

  /**
   * Sends {@code FETCH lo:hi (items)} for each range, the next one before the answers to those
   * before are all in (at most {@link #PIPELINE} outstanding), and hands every FETCH answer to the
   * sink as it is read, so no batch's answers are held at once. Other answers (EXISTS, EXPUNGE) go
   * to the folder as usual; a command the server refuses loses only its own answers, as with {@link
   * #fetchItems}. Reads as {@code Protocol.command} does: an answer that cannot be parsed is
   * skipped, and a lost connection or a BYE closes the folder.
   *
   * @param done told how many commands have completed, after each
   * @return whether the server reported an expunge meanwhile, which moves the message numbers
   */
  private static boolean fetchPipelined(
      IMAPFolder f,
      List<int[]> ranges,
      String items,
      Consumer<FetchResponse> sink,
      IntConsumer done)
      throws MessagingException {
    if (ranges.isEmpty()) {
      return false;
    }
    boolean[] expunged = {false};
    f.doCommand(
        p -> {
          synchronized (p) {
            ArrayDeque<String> tags = new ArrayDeque<>();
            int sent = 0;
            int completed = 0;
            Response bye = null;
            try {
              while (sent < ranges.size() && tags.size() < PIPELINE) {
                tags.add(fetchCommand(p, ranges.get(sent++), items));
              }
              while (!tags.isEmpty()) {
                Response r;
                try {
                  r = p.readResponse();
                } catch (ProtocolException e) {
                  continue;
                }
                if (r.isBYE()) {
                  bye = r;
                  continue;
                }
                if (r instanceof FetchResponse fr) {
                  sink.accept(fr);
                } else if (r instanceof IMAPResponse ir
                    && (ir.keyEquals("EXPUNGE") || ir.keyEquals("VANISHED"))) {
                  expunged[0] = true;
                }
                p.notifyResponseHandlers(new Response[] {r});
                if (r.isTagged() && tags.remove(r.getTag())) {
                  done.accept(++completed);
                  if (sent < ranges.size()) {
                    tags.add(fetchCommand(p, ranges.get(sent++), items));
                  }
                }
              }
            } catch (IOException e) {
              if (bye == null) {
                bye = Response.byeResponse(e);
              }
            }
            if (bye != null) {
              p.notifyResponseHandlers(new Response[] {bye});
              p.handleResult(bye);
            }
            return null;
          }
        });
    return expunged[0];
  }

  private static String fetchCommand(IMAPProtocol p, int[] range, String items)
      throws IOException, ProtocolException {
    return p.writeCommand("FETCH " + range[0] + ":" + range[1] + " (" + items + ")", null);
  }

  /** What the header FETCH answers of one folder gave, as they come. Not thread-safe. */
  private static final class HeaderRead {
    private final FolderInfo folder;
    private final long start;
    private final TreeMap<Long, MessageSummary> msgs;
    private final int[] fetched;

    /** The message numbers and UIDs the answers gave headers for. */
    final BitSet answered = new BitSet();

    final Set<Long> answeredUids = new HashSet<>();

    /** New bounces, by UID with their message numbers: their reports are read once all is in. */
    final Map<Long, Integer> newBounces = new LinkedHashMap<>();

    int failures;
    long firstFailed = Long.MAX_VALUE;

    HeaderRead(FolderInfo folder, long start, TreeMap<Long, MessageSummary> msgs, int[] fetched) {
      this.folder = folder;
      this.start = start;
      this.msgs = msgs;
      this.fetched = fetched;
    }

    /** Reads one FETCH answer of {@link #HEADER_ITEMS}. */
    void header(FetchResponse r) {
      UID u = r.getItem(UID.class);
      BODY body = r.getItem(BODY.class);
      if (u == null || u.uid <= 0 || body == null) {
        return;
      }
      answered.set(r.getNumber());
      answeredUids.add(u.uid);
      if (u.uid < start) {
        return;
      }
      ByteArray ba = body.getByteArray();
      INTERNALDATE d = r.getItem(INTERNALDATE.class);
      Date received = d == null ? null : d.getDate();
      try {
        add(
            MessageSummary.of(
                folder.name(),
                folder.role(),
                u.uid,
                received == null ? null : received.toInstant(),
                ba == null ? Map.of() : headerFields(ba)),
            r.getNumber());
      } catch (RuntimeException e) {
        failures++;
        firstFailed = Math.min(firstFailed, u.uid);
      }
    }

    /** Reads one message the answers left out, as Angus reads it (after its headers' FETCH). */
    void message(IMAPFolder f, IMAPMessage im) throws MessagingException {
      if (im.isExpunged()) {
        return;
      }
      long uid = -1;
      try {
        uid = f.getUID(im);
        if (uid <= 0) {
          // The server answered FETCH without a UID it could parse: unread, not skipped in silence.
          throw new MessagingException("no UID in the server's FETCH answer");
        }
        if (uid < start) {
          return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h : MessageSummary.HEADER_FIELDS) {
          String[] v = im.getHeader(h);
          if (v != null) {
            headers.put(h, Arrays.asList(v));
          }
        }
        Date received = im.getReceivedDate();
        add(
            MessageSummary.of(
                folder.name(),
                folder.role(),
                uid,
                received == null ? null : received.toInstant(),
                headers),
            im.getMessageNumber());
        im.invalidateHeaders();
      } catch (MessageRemovedException e) {
        // Deleted by another client while we read: it is simply gone.
      } catch (FolderClosedException | StoreClosedException e) {
        throw e;
      } catch (MessagingException | RuntimeException e) {
        failures++;
        if (uid > 0) {
          firstFailed = Math.min(firstFailed, uid);
        }
      }
    }

    private void add(MessageSummary s, int number) {
      msgs.put(s.uid(), s);
      fetched[0]++;
      if (s.kind() == MessageKind.BOUNCE) {
        newBounces.put(s.uid(), number);
      }
    }
  }

  /**
   * Sends {@code FETCH sets (items)} and returns the FETCH answers that came, also when the command
   * then failed. Other answers (EXISTS, EXPUNGE) go to the folder as usual.
   */
  static List<FetchResponse> fetchItems(IMAPFolder f, MessageSet[] sets, String items)
      throws MessagingException {
    List<FetchResponse> out = new ArrayList<>();
    try {
      f.doCommand(
          p -> {
            Response[] r = p.fetch(sets, items);
            for (Response x : r) {
              if (x instanceof FetchResponse fr) {
                out.add(fr);
              }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return null;
          });
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      // Typically some messages were expunged meanwhile; what came is kept.
    }
    return out;
  }

  /**
   * Splits a header block into fields as Angus's {@code InternetHeaders} does: bytes as ISO-8859-1,
   * the name before the colon trimmed, the value from the first non-blank character after it,
   * folded lines kept with their CRLF; a line without a colon is dropped.
   */
  static Map<String, List<String>> headerFields(ByteArray bytes) {
    byte[] b = bytes.getBytes();
    int end = bytes.getStart() + bytes.getCount();
    Map<String, List<String>> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    int i = bytes.getStart();
    while (i < end) {
      int eol = i;
      while (eol < end && b[eol] != '\n' && b[eol] != '\r') {
        eol++;
      }
      int next = eol;
      if (next < end && b[next] == '\r') {
        next++;
      }
      if (next < end && b[next] == '\n') {
        next++;
      }
      if (eol == i) {
        break;
      }
      String line = new String(b, i, eol - i, StandardCharsets.ISO_8859_1);
      if (b[i] == ' ' || b[i] == '\t') {
        if (name != null) {
          value.append("\r\n").append(line);
        }
      } else {
        if (name != null) {
          out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(valueOf(value));
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
          name = null;
        } else {
          name = line.substring(0, colon).trim();
          value.setLength(0);
          value.append(line, colon + 1, line.length());
        }
      }
      i = next;
    }
    if (name != null) {
      out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(valueOf(value));
    }
    return out;
  }

  /** A field's value without the blanks that open it, as {@code InternetHeader.getValue}. */
  private static String valueOf(CharSequence v) {
    int j = 0;
    while (j < v.length()
        && (v.charAt(j) == ' '
            || v.charAt(j) == '\t'
            || v.charAt(j) == '\r'
            || v.charAt(j) == '\n')) {
      j++;
    }
    return v.subSequence(j, v.length()).toString();
  }

  /** Drops cached messages the server no longer has (expunged since the last sync). */
  private static void dropExpunged(
      IMAPFolder f, TreeMap<Long, MessageSummary> msgs, Map<Long, String> texts)
      throws MessagingException {
    Message[] all = f.getMessages();
    FetchProfile uids = new FetchProfile();
    uids.add(UIDFolder.FetchProfileItem.UID);
    f.fetch(all, uids);
    Set<Long> present = new HashSet<>();
    for (Message m : all) {
      if (!m.isExpunged()) {
        try {
          present.add(f.getUID(m));
        } catch (MessageRemovedException e) {
          // gone
        }
      }
    }
    msgs.keySet().retainAll(present);
    texts.keySet().retainAll(present);
  }

  /**
   * How many delivery reports one FETCH reads at most (each up to {@link
   * DeliveryReport#MAX_BYTES}).
   */
  private static final int REPORT_BATCH = 100;

  /**
   * Reads the first bytes of some whole messages, given by UID with their message numbers, as
   * {@link #peek} does, in one {@code FETCH n,m,… (UID BODY.PEEK[]<0.max>)} per {@link
   * #REPORT_BATCH} messages instead of two round trips each. An answer whose UID is not the one
   * expected at that number is left out, as is a message the server did not answer for.
   */
  private static Map<Long, byte[]> peekAll(IMAPFolder f, Map<Long, Integer> numberByUid, int max)
      throws MessagingException {
    Map<Long, byte[]> out = new HashMap<>();
    int[] numbers =
        numberByUid.values().stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    String items = "UID BODY.PEEK[]<0." + max + ">";
    for (int i = 0; i < numbers.length; i += REPORT_BATCH) {
      int[] chunk = Arrays.copyOfRange(numbers, i, Math.min(numbers.length, i + REPORT_BATCH));
      for (FetchResponse r : fetchItems(f, MessageSet.createMessageSets(chunk), items)) {
        UID u = r.getItem(UID.class);
        BODY body = r.getItem(BODY.class);
        Integer at = u == null ? null : numberByUid.get(u.uid);
        if (body == null || at == null || at != r.getNumber()) {
          continue;
        }
        ByteArray ba = body.getByteArray();
        out.put(u.uid, ba == null ? new byte[0] : ba.getNewBytes());
      }
    }
    return out;
  }

  /** Reads the first bytes of a whole message with BODY.PEEK[]&lt;0.n&gt;: never sets \Seen. */
  static byte[] peek(IMAPFolder f, long uid, int max) throws MessagingException {
    Message m = f.getMessageByUID(uid);
    if (m == null || m.isExpunged()) {
      return new byte[0];
    }
    int msgno = m.getMessageNumber();
    try {
      Object r = f.doCommand(p -> p.peekBody(msgno, null, 0, max));
      if (r instanceof BODY b) {
        ByteArray ba = b.getByteArray();
        return ba == null ? new byte[0] : ba.getNewBytes();
      }
      return new byte[0];
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      return new byte[0];
    }
  }

  /** Reads the first few KB of the text of some messages of a folder. */
  private Map<Long, String> readTexts(
      IMAPStore store, String folder, Set<Long> uids, SyncListener listener, Step step)
      throws MessagingException {
    Map<Long, String> out = new HashMap<>();
    IMAPFolder f = (IMAPFolder) store.getFolder(folder);
    try {
      step.arm("EXAMINE of " + folder);
      f.open(Folder.READ_ONLY);
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      listener.notice(
          "cannot open folder "
              + folder
              + " to read sent messages: "
              + ImapConnector.oneLine(e.getMessage()));
      return out;
    }
    try {
      long[] wanted = uids.stream().mapToLong(Long::longValue).sorted().toArray();
      step.arm("FETCH of the structure of sent messages in " + folder);
      Message[] found = f.getMessagesByUID(wanted);
      List<Message> present = new ArrayList<>();
      for (Message m : found) {
        if (m != null && !m.isExpunged()) {
          present.add(m);
        }
      }
      // One FETCH of every BODYSTRUCTURE, then one FETCH of the first bytes of every text part
      // per part number (most messages have theirs at the same place), instead of a round trip
      // per message.
      int max = options.textBytes();
      Map<Integer, TextPart> parts = new HashMap<>();
      Map<Integer, Long> uidOf = new HashMap<>();
      Set<Integer> done = new HashSet<>();
      for (FetchResponse r : fetchItems(f, sets(present), "UID BODYSTRUCTURE")) {
        UID u = r.getItem(UID.class);
        BODYSTRUCTURE bs = r.getItem(BODYSTRUCTURE.class);
        if (u == null || bs == null || !uids.contains(u.uid)) {
          continue;
        }
        try {
          TextPart t = TextPart.of(bs);
          if (t == null) {
            done.add(r.getNumber()); // no text to read, as text() finds
          } else {
            parts.put(r.getNumber(), t);
            uidOf.put(r.getNumber(), u.uid);
          }
        } catch (MessagingException | RuntimeException e) {
          // Read the way Angus reads it, below.
        }
      }
      Map<String, List<Message>> bySection = new TreeMap<>();
      for (Message m : present) {
        TextPart t = parts.get(m.getMessageNumber());
        if (t != null) {
          bySection.computeIfAbsent(t.section(), k -> new ArrayList<>()).add(m);
        }
      }
      for (Map.Entry<String, List<Message>> e : bySection.entrySet()) {
        // Three encoded bytes per byte wanted cover the worst case (quoted-printable).
        String items = "UID BODY.PEEK[" + e.getKey() + "]<0." + (3 * max + 3) + ">";
        for (FetchResponse r : fetchItems(f, sets(e.getValue()), items)) {
          UID u = r.getItem(UID.class);
          BODY body = r.getItem(BODY.class);
          TextPart t = parts.get(r.getNumber());
          if (u == null || body == null || t == null || u.uid != uidOf.get(r.getNumber())) {
            continue;
          }
          done.add(r.getNumber());
          try {
            out.put(u.uid, t.text(body.getByteArray(), max));
          } catch (MessagingException | IOException | RuntimeException x) {
            // Unreadable text: the policy then assumes the message expects an answer.
          }
        }
      }
      List<Message> rest = new ArrayList<>();
      for (Message m : present) {
        if (!m.isExpunged() && !done.contains(m.getMessageNumber())) {
          rest.add(m);
        }
      }
      if (rest.isEmpty()) {
        return out;
      }
      // What the answers left out is read as Angus reads a message.
      FetchProfile structure = new FetchProfile();
      structure.add(FetchProfile.Item.CONTENT_INFO);
      structure.add(UIDFolder.FetchProfileItem.UID);
      try {
        f.fetch(rest.toArray(new Message[0]), structure);
      } catch (FolderClosedException | StoreClosedException e) {
        throw e;
      } catch (MessagingException e) {
        // Expunged meanwhile: each message is checked below.
      }
      for (Message m : rest) {
        if (m instanceof IMAPMessage im && !im.isExpunged()) {
          try {
            long uid = f.getUID(im);
            step.arm("FETCH of a sent message's text in " + folder);
            im.setPeek(true);
            String t = text(im, options.textBytes());
            if (t != null) {
              out.put(uid, t);
            }
          } catch (MessageRemovedException e) {
            // gone
          } catch (FolderClosedException | StoreClosedException e) {
            throw e;
          } catch (MessagingException | IOException | RuntimeException e) {
            // Unreadable text: the policy then assumes the message expects an answer.
          }
        }
      }
    } finally {
      if (f.isOpen()) {
        step.arm("CLOSE of " + folder);
        f.close(false);
      }
    }
    return out;
  }

  /** Returns the start of the message's plain text (or of its HTML, as text), or {@code null}. */
  static @Nullable String text(Part part, int max) throws MessagingException, IOException {
    Part p = textPart(part, "text/plain", 0);
    boolean html = false;
    if (p == null) {
      p = textPart(part, "text/html", 0);
      html = true;
    }
    if (p == null) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readNBytes(max);
    }
    return decoded(bytes, p.getContentType(), html);
  }

  /** The text of a text part's first bytes, in its charset; HTML as its text. */
  private static String decoded(byte[] bytes, String contentType, boolean html) {
    Charset cs = StandardCharsets.UTF_8;
    try {
      String name = new ContentType(contentType).getParameter("charset");
      if (name != null) {
        cs = Charset.forName(name.strip());
      }
    } catch (MessagingException | RuntimeException e) {
      // Unknown or broken charset: UTF-8 with replacement characters is good enough to spot a
      // question.
    }
    String s = new String(bytes, cs);
    return html ? Jsoup.parse(s).wholeText() : s;
  }

  /** The message numbers of some messages, as IMAP message sets. */
  private static MessageSet[] sets(List<Message> ms) {
    int[] n = new int[ms.size()];
    for (int i = 0; i < n.length; i++) {
      n[i] = ms.get(i).getMessageNumber();
    }
    Arrays.sort(n);
    return MessageSet.createMessageSets(n);
  }

  /**
   * The part {@link #text} reads, found in a BODYSTRUCTURE as Angus's parts would find it: the
   * first text/plain part that is no attachment, else the first such text/html, five levels deep at
   * most; numbered as IMAP numbers sections ({@code TEXT} for a message of one part).
   */
  private record TextPart(
      String section, @Nullable String encoding, String contentType, boolean html) {

    static @Nullable TextPart of(BODYSTRUCTURE bs) throws MessagingException {
      TextPart t = find(bs, null, "text/plain", 0);
      return t != null ? t : find(bs, null, "text/html", 0);
    }

    private static @Nullable TextPart find(
        BODYSTRUCTURE bs, @Nullable String section, String type, int depth)
        throws MessagingException {
      if (depth > 5) {
        return null;
      }
      String ct = new ContentType(bs.type, bs.subtype, bs.cParams).toString();
      if (new ContentType(ct).match(type) && !Part.ATTACHMENT.equalsIgnoreCase(bs.disposition)) {
        return new TextPart(
            section == null ? "TEXT" : section, bs.encoding, ct, type.equals("text/html"));
      }
      if (bs.isMulti() && new ContentType(ct).match("multipart/*")) {
        for (int i = 0; i < bs.bodies.length; i++) {
          String child = section == null ? Integer.toString(i + 1) : section + "." + (i + 1);
          TextPart found = find(bs.bodies[i], child, type, depth + 1);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }

    /** The text of the part's first {@code max} decoded bytes, from its first encoded bytes. */
    String text(@Nullable ByteArray raw, int max) throws MessagingException, IOException {
      InputStream in =
          raw == null
              ? InputStream.nullInputStream()
              : new java.io.ByteArrayInputStream(raw.getBytes(), raw.getStart(), raw.getCount());
      if (encoding != null) {
        in = MimeUtility.decode(in, encoding);
      }
      byte[] bytes;
      try (InputStream d = in) {
        bytes = d.readNBytes(max);
      }
      return decoded(bytes, contentType, html);
    }
  }

  private static @Nullable Part textPart(Part part, String type, int depth)
      throws MessagingException, IOException {
    if (depth > 5) {
      return null;
    }
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return part;
    }
    if (part.isMimeType("multipart/*")) {
      Object c = part.getContent();
      if (c instanceof Multipart mp) {
        for (int i = 0; i < mp.getCount(); i++) {
          Part found = textPart(mp.getBodyPart(i), type, depth + 1);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }
}
