package dev.rapport.imap;

import dev.rapport.draft.Headers;
import dev.rapport.track.DeliveryReport;
import dev.rapport.track.MessageKind;
import dev.rapport.track.MessageSummary;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;

/**
 * Syncs an examined folder whose cached UIDs cannot be trusted — its UIDVALIDITY changed, or it is
 * known {@link FolderState#restless() restless} — by what names a message for good: its Message-ID
 * and INTERNALDATE. One {@code FETCH 1:* (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])}
 * lists what the folder holds; a cached summary is kept, under its new UID, for each message with
 * the same key, and the header fields are fetched only for the others (new mail, and messages
 * without a Message-ID, which are matched to cached ones by every field tracking reads).
 *
 * <p>Whether the folder was really renumbered is decided here: when some cached message is still
 * there and every such message kept its UID, the server only changed the number (as Courier does on
 * every connection for a folder no client opened read-write): nothing cached is wrong, no notice is
 * due, and the folder is marked restless, so that later syncs match by key again even if messages
 * come and go. Otherwise, on a folder not known to be restless, the answer is "renumbered" and the
 * caller reads the folder afresh and says so, as it always has.
 *
 * <p>Read-only like every read: {@code BODY.PEEK}, on a folder the caller opened with EXAMINE.
 * Stateless.
 */
final class KeyedSync {
  private KeyedSync() {}

  /** Messages per FETCH, so that no answer holds a whole large folder at once. */
  private static final int BATCH = 2000;

  private static final String KEY_ITEMS = "UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]";

  /** What names a message across renumberings: INTERNALDATE and Message-ID. */
  private record Key(long internalDate, String messageId) {
    static @Nullable Key of(@Nullable Instant internalDate, @Nullable String messageId) {
      return internalDate == null || messageId == null
          ? null
          : new Key(internalDate.toEpochMilli(), messageId);
    }
  }

  /** A message as the key fetch listed it. */
  private record Listed(int number, long uid, @Nullable Key key) {}

  /** A folder read by key, and how many messages' header fields it fetched. */
  record Read(FolderState state, int fetched) {}

  /**
   * Reads the open folder by key against its cached state.
   *
   * @param validity the UIDVALIDITY of this EXAMINE
   * @return the folder as it is now (as last read, if the server left messages out of its answer);
   *     or {@code null} if it was renumbered for real (messages still there under other UIDs, or
   *     none of the cached ones left) or could not be listed, and is not known to be restless
   */
  static @Nullable Read read(
      IMAPFolder f, FolderInfo fi, FolderState cached, long validity, MailboxReader.Step step)
      throws MessagingException {
    int n = f.getMessageCount();
    List<Listed> listed = new ArrayList<>(n);
    for (int lo = 1; lo <= n; lo += BATCH) {
      int hi = Math.min(n, lo + BATCH - 1);
      step.arm("FETCH of the message ids in " + fi.name());
      for (FetchResponse r :
          MailboxReader.fetchItems(f, new MessageSet[] {new MessageSet(lo, hi)}, KEY_ITEMS)) {
        UID u = r.getItem(UID.class);
        if (u == null || u.uid <= 0 || r.getNumber() < lo || r.getNumber() > hi) {
          continue;
        }
        listed.add(new Listed(r.getNumber(), u.uid, Key.of(internalDate(r), messageId(r))));
      }
    }

    if (listed.size() < f.getMessageCount()) {
      // The server left messages out (a failed FETCH): what they are is unknown, so the folder
      // stays as last read, for this sync, rather than losing them; the next sync asks again.
      return cached.restless() ? new Read(cached, 0) : null;
    }

    Map<Key, ArrayDeque<MessageSummary>> byKey = new HashMap<>();
    List<MessageSummary> unkeyed = new ArrayList<>();
    for (MessageSummary m : cached.messages().values()) {
      Key k = Key.of(m.internalDate(), m.messageId());
      if (k == null) {
        unkeyed.add(m);
      } else {
        byKey.computeIfAbsent(k, x -> new ArrayDeque<>()).add(m);
      }
    }
    TreeMap<Long, MessageSummary> msgs = new TreeMap<>();
    Map<Long, String> texts = new HashMap<>();
    List<Listed> wanted = new ArrayList<>();
    int kept = 0;
    boolean sameUids = true;
    boolean untouched = true;
    for (Listed l : listed) {
      ArrayDeque<MessageSummary> same = l.key() == null ? null : byKey.get(l.key());
      MessageSummary c = same == null ? null : same.poll();
      if (c == null) {
        wanted.add(l);
        continue;
      }
      kept++;
      sameUids &= c.uid() == l.uid();
      untouched &= same(c, fi, l.uid());
      keep(msgs, texts, cached, c, moved(c, fi, l.uid()));
    }

    int fetched = 0;
    long firstFailed = Long.MAX_VALUE;
    List<Long> newBounces = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += BATCH) {
      List<Listed> batch = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
      Map<Integer, Listed> byNumber = new HashMap<>();
      int[] numbers = new int[batch.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = batch.get(i).number();
        byNumber.put(numbers[i], batch.get(i));
      }
      step.arm("FETCH in " + fi.name());
      for (FetchResponse r :
          MailboxReader.fetchItems(
              f, MessageSet.createMessageSets(numbers), MailboxReader.HEADER_ITEMS)) {
        Listed l = byNumber.remove(r.getNumber());
        UID u = r.getItem(UID.class);
        BODY body = r.getItem(BODY.class);
        if (l == null || u == null || u.uid != l.uid() || body == null) {
          continue;
        }
        ByteArray ba = body.getByteArray();
        MessageSummary s;
        try {
          s =
              MessageSummary.of(
                  fi.name(),
                  fi.role(),
                  l.uid(),
                  internalDate(r),
                  ba == null ? Map.of() : MailboxReader.headerFields(ba));
        } catch (RuntimeException e) {
          firstFailed = Math.min(firstFailed, l.uid());
          continue;
        }
        fetched++;
        MessageSummary c = l.key() == null ? sameContent(unkeyed, s) : null;
        if (c != null) {
          kept++;
          sameUids &= c.uid() == l.uid();
          untouched &= same(c, fi, l.uid());
          keep(msgs, texts, cached, c, moved(c, fi, l.uid()));
          continue;
        }
        untouched = false;
        msgs.put(l.uid(), s);
        if (s.kind() == MessageKind.BOUNCE) {
          newBounces.add(l.uid());
        }
      }
      // What the answer left out is read again by the next sync, which matches by key again.
      for (Listed l : byNumber.values()) {
        firstFailed = Math.min(firstFailed, l.uid());
      }
    }

    boolean onlyRenumbered = kept > 0 && sameUids;
    if (!cached.restless() && !cached.messages().isEmpty() && !onlyRenumbered) {
      return null;
    }
    for (long uid : newBounces) {
      MessageSummary s = msgs.get(uid);
      step.arm("FETCH of a delivery report in " + fi.name());
      msgs.put(
          uid,
          s.withReport(
              DeliveryReport.parse(
                  MailboxReader.peek(f, uid, DeliveryReport.MAX_BYTES),
                  s.fields().get("x-failed-recipients"))));
    }
    boolean restless = cached.restless() || onlyRenumbered;
    if (untouched
        && restless == cached.restless()
        && msgs.size() == cached.messages().size()
        && texts.size() == cached.texts().size()
        && firstFailed == Long.MAX_VALUE) {
      // Nothing but the number changed: the cached state stands as it is (and its file is not
      // written again for it).
      return new Read(cached, fetched);
    }
    long next = f.getUIDNext();
    if (next <= 0) {
      next = msgs.isEmpty() ? 1 : msgs.lastKey() + 1;
    }
    next = Math.min(next, firstFailed);
    return new Read(
        new FolderState(fi.name(), fi.role(), validity, next, msgs.size(), msgs, texts, restless),
        fetched);
  }

  /** Whether a cached summary already says where the message is now. */
  private static boolean same(MessageSummary m, FolderInfo fi, long uid) {
    return m.uid() == uid && m.role() == fi.role() && m.folder().equals(fi.name());
  }

  /** A cached summary as the message is filed now. */
  private static MessageSummary moved(MessageSummary m, FolderInfo fi, long uid) {
    return same(m, fi, uid) ? m : m.inFolder(fi.name(), fi.role(), uid);
  }

  private static void keep(
      TreeMap<Long, MessageSummary> msgs,
      Map<Long, String> texts,
      FolderState cached,
      MessageSummary was,
      MessageSummary now) {
    msgs.put(now.uid(), now);
    String t = cached.texts().get(was.uid());
    if (t != null) {
      texts.put(now.uid(), t);
    }
  }

  /**
   * A cached message without a key that reads the same as {@code fresh} in every field (its
   * delivery report aside, which is read from the body later), taken out of the list; or null.
   */
  private static @Nullable MessageSummary sameContent(
      List<MessageSummary> unkeyed, MessageSummary fresh) {
    for (int i = 0; i < unkeyed.size(); i++) {
      MessageSummary c = unkeyed.get(i);
      if (c.withReport(null).equals(fresh.inFolder(c.folder(), c.role(), c.uid()))) {
        return unkeyed.remove(i);
      }
    }
    return null;
  }

  private static @Nullable Instant internalDate(FetchResponse r) {
    INTERNALDATE d = r.getItem(INTERNALDATE.class);
    Date date = d == null ? null : d.getDate();
    return date == null ? null : date.toInstant();
  }

  /** The Message-ID as {@link MessageSummary#of} reads it, from the fields the key fetch gave. */
  private static @Nullable String messageId(FetchResponse r) {
    BODY body = r.getItem(BODY.class);
    ByteArray ba = body == null ? null : body.getByteArray();
    if (ba == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : MailboxReader.headerFields(ba).entrySet()) {
      if (e.getKey().equalsIgnoreCase("Message-ID") && !e.getValue().isEmpty()) {
        return Headers.messageId(e.getValue().get(0)).orElse(null);
      }
    }
    return null;
  }
}
