package dev.rapport.imap;

import dev.rapport.track.MessageSummary;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The only writes Rapport ever makes to a mailbox, each one opt-in: IMAP keywords on messages
 * (which Thunderbird and other clients can show as tags) and appending a message (a digest).
 * Nothing else is changed: no flag but the managed keywords, no message but the one appended.
 *
 * <p>Thread-safe (stateless): each call uses its own connection.
 */
public final class MailboxWriter {

  /**
   * What a keyword pass did.
   *
   * @param added how many keywords were set
   * @param removed how many stale keywords were taken off
   * @param refused the folders whose PERMANENTFLAGS allow no keywords, so nothing was written there
   */
  public record KeywordResult(int added, int removed, List<String> refused) {
    /** Copies. */
    public KeywordResult {
      refused = List.copyOf(refused);
    }
  }

  private final ImapOptions options;

  /** Creates a writer connecting with these options. */
  public MailboxWriter(ImapOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Puts the managed keywords exactly where wanted: each wanted message carries its keyword and no
   * other managed one, and every other message of the folders searched loses any managed keyword. A
   * wanted message is found by folder and UID and checked against its Message-ID, so a folder
   * renumbered since the snapshot is never tagged wrongly. Folders whose {@code PERMANENTFLAGS} do
   * not allow keywords ({@code \*}) are left alone and reported.
   *
   * @param managed the keywords this pass owns, such as {@code $FollowUpDue}; others are never
   *     touched
   * @param wanted the keyword each message should carry (each one of {@code managed})
   * @param alsoSearch more folders to clear of stale managed keywords (the folders of the wanted
   *     messages are always searched)
   * @throws ImapException if the server cannot be reached or fails
   */
  public KeywordResult keywords(
      ImapUrl url,
      Credentials credentials,
      Set<String> managed,
      Map<MessageSummary, String> wanted,
      Collection<String> alsoSearch)
      throws ImapException {
    for (String k : wanted.values()) {
      if (!managed.contains(k)) {
        throw new IllegalArgumentException("not a managed keyword: " + k);
      }
    }
    Map<String, Map<Long, MessageSummary>> byFolder = new TreeMap<>();
    for (MessageSummary m : wanted.keySet()) {
      byFolder.computeIfAbsent(m.folder(), f -> new HashMap<>()).put(m.uid(), m);
    }
    Set<String> folders = new LinkedHashSet<>(byFolder.keySet());
    folders.addAll(alsoSearch);
    ServerGuard guard = guard(url);
    IMAPStore store = ImapConnector.connect(url, credentials, options, guard);
    int added = 0;
    int removed = 0;
    List<String> refused = new ArrayList<>();
    try {
      for (String name : folders) {
        IMAPFolder f = (IMAPFolder) store.getFolder(name);
        guard.arm("LIST of " + name);
        if (!f.exists()) {
          continue;
        }
        guard.arm("SELECT of " + name);
        f.open(Folder.READ_WRITE);
        try {
          if (!f.getPermanentFlags().contains(Flags.Flag.USER)) {
            refused.add(name);
            continue;
          }
          Map<Long, String> want = new HashMap<>();
          Map<Long, MessageSummary> here = byFolder.getOrDefault(name, Map.of());
          guard.arm("FETCH of the Message-IDs in " + name);
          for (Map.Entry<Long, MessageSummary> e : verified(f, here).entrySet()) {
            want.put(e.getKey(), wanted.get(e.getValue()));
          }
          Map<Long, Set<String>> have = carrying(f, managed, guard);
          Map<String, List<Long>> toAdd = new TreeMap<>();
          Map<String, List<Long>> toRemove = new TreeMap<>();
          for (Map.Entry<Long, String> w : want.entrySet()) {
            if (!have.getOrDefault(w.getKey(), Set.of()).contains(w.getValue())) {
              toAdd.computeIfAbsent(w.getValue(), k -> new ArrayList<>()).add(w.getKey());
            }
          }
          for (Map.Entry<Long, Set<String>> h : have.entrySet()) {
            for (String k : h.getValue()) {
              if (!k.equals(want.get(h.getKey()))) {
                toRemove.computeIfAbsent(k, x -> new ArrayList<>()).add(h.getKey());
              }
            }
          }
          removed += store(f, toRemove, false, guard);
          added += store(f, toAdd, true, guard);
        } finally {
          if (f.isOpen()) {
            guard.arm("CLOSE of " + name);
            f.close(false);
          }
        }
      }
      return new KeywordResult(added, removed, refused);
    } catch (MessagingException e) {
      throw ImapConnector.guarded(guard, ImapConnector.translate(url, e));
    } finally {
      logout(store, guard);
    }
  }

  /**
   * The deadline and caps of a one-off read, for a write: a server that trickles its answers would
   * otherwise hold the writer's thread (and every later tag or digest) for ever.
   */
  private ServerGuard guard(ImapUrl url) {
    return new ServerGuard(url.host() + ":" + url.port(), options.deadline());
  }

  /** Closes the connection; past the deadline it is cut, and what was written stands. */
  private static void logout(IMAPStore store, ServerGuard guard) {
    guard.arm("LOGOUT");
    try {
      store.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Nothing left to do.
    } finally {
      guard.disarm();
    }
  }

  /** The wanted UIDs still holding the message the snapshot saw (same Message-ID). */
  private static Map<Long, MessageSummary> verified(IMAPFolder f, Map<Long, MessageSummary> wanted)
      throws MessagingException {
    Map<Long, MessageSummary> out = new HashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    long[] uids = wanted.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    Message[] found = f.getMessagesByUID(uids);
    List<Message> present = new ArrayList<>();
    for (Message m : found) {
      if (m != null && !m.isExpunged()) {
        present.add(m);
      }
    }
    FetchProfile fp = new FetchProfile();
    fp.add(UIDFolder.FetchProfileItem.UID);
    fp.add("Message-ID");
    f.fetch(present.toArray(new Message[0]), fp);
    for (Message m : present) {
      long uid = f.getUID(m);
      MessageSummary s = wanted.get(uid);
      if (s == null) {
        continue;
      }
      String[] ids = ((IMAPMessage) m).getHeader("Message-ID");
      String id = ids == null || ids.length == 0 ? null : ids[0].strip().replaceAll("^<|>$", "");
      if (s.messageId() == null || s.messageId().equals(id)) {
        out.put(uid, s);
      }
    }
    return out;
  }

  /** Which messages carry which managed keywords now (one SEARCH KEYWORD per keyword). */
  private static Map<Long, Set<String>> carrying(
      IMAPFolder f, Set<String> managed, ServerGuard guard) throws MessagingException {
    Map<Long, Set<String>> out = new HashMap<>();
    for (String k : managed) {
      guard.arm("SEARCH in " + f.getFullName());
      Message[] hits = f.search(new FlagTerm(new Flags(k), true));
      if (hits.length == 0) {
        continue;
      }
      FetchProfile fp = new FetchProfile();
      fp.add(UIDFolder.FetchProfileItem.UID);
      f.fetch(hits, fp);
      for (Message m : hits) {
        out.computeIfAbsent(f.getUID(m), x -> new LinkedHashSet<>()).add(k);
      }
    }
    return out;
  }

  private static int store(
      IMAPFolder f, Map<String, List<Long>> byKeyword, boolean set, ServerGuard guard)
      throws MessagingException {
    int n = 0;
    for (Map.Entry<String, List<Long>> e : byKeyword.entrySet()) {
      guard.arm("STORE in " + f.getFullName());
      long[] uids = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      List<Message> msgs = new ArrayList<>();
      for (Message m : f.getMessagesByUID(uids)) {
        if (m != null && !m.isExpunged()) {
          msgs.add(m);
        }
      }
      if (!msgs.isEmpty()) {
        f.setFlags(msgs.toArray(new Message[0]), new Flags(e.getKey()), set);
        n += msgs.size();
      }
    }
    return n;
  }

  /**
   * Appends a message to a folder, unread, with {@code received} as its INTERNALDATE; returns its
   * UID, or -1 if the server does not say (no UIDPLUS).
   *
   * @throws ImapException if the server cannot be reached or refuses
   */
  public long append(
      ImapUrl url, Credentials credentials, String folder, MimeMessage message, Instant received)
      throws ImapException {
    ServerGuard guard = guard(url);
    IMAPStore store = ImapConnector.connect(url, credentials, options, guard);
    try {
      guard.arm("APPEND to " + folder);
      IMAPFolder f = (IMAPFolder) store.getFolder(folder);
      Date date = Date.from(received);
      MimeMessage dated =
          new MimeMessage(message) {
            @Override
            public Date getReceivedDate() {
              return date;
            }
          };
      AppendUID[] uids = f.appendUIDMessages(new Message[] {dated});
      return uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
    } catch (MessagingException e) {
      throw ImapConnector.guarded(guard, ImapConnector.translate(url, e));
    } finally {
      logout(store, guard);
    }
  }
}
