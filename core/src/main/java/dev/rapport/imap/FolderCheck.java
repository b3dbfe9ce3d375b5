package dev.rapport.imap;

import dev.rapport.track.FolderRole;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.jspecify.annotations.Nullable;

/**
 * For a watcher without NOTIFY: asks the STATUS of the folders no IDLE connection listens to, on a
 * connection already open, and tells whether any of them changed since it last asked, so mail a
 * server-side filter files into "Clinic" is synced within one interval instead of at the next
 * resync. Only folders a sync reads are asked ({@link MailboxReader#toRead}), and of those neither
 * Trash (a reply there was seen and deleted: the resync is soon enough) nor Junk (its own IDLE) nor
 * Drafts (never read).
 *
 * <p>A folder changed when its MESSAGES or UIDNEXT moved, or its UIDVALIDITY did while it had held
 * still at the check before: a server that hands out a new UIDVALIDITY at every look (Courier, for
 * folders no client opened read-write) would otherwise cost a whole sync at every check. A folder
 * first seen (no figures yet) counts as changed, except at the {@link #baseline} of a session.
 *
 * <p>Not thread-safe: used by the watcher's own thread only.
 */
final class FolderCheck {

  /**
   * A folder's STATUS as last seen.
   *
   * @param validityMoved whether its UIDVALIDITY differed from the look before
   */
  record Figures(long validity, long next, long count, boolean validityMoved) {

    /** The figures of a look that follows {@code before} (none for a folder first seen). */
    static Figures after(@Nullable Figures before, long validity, long next, long count) {
      return new Figures(validity, next, count, before != null && before.validity() != validity);
    }

    /**
     * Whether the folder changed since {@code before}: new or gone messages, or a UIDVALIDITY that
     * moved after holding still (one that moves at every look is the server's habit, not news).
     */
    boolean changedSince(@Nullable Figures before) {
      return before == null
          || before.next() != next
          || before.count() != count
          || (validityMoved && !before.validityMoved());
    }
  }

  private final Set<String> watched;
  private final boolean gmail;
  private List<String> folders;
  private final Map<String, Figures> last = new HashMap<>();
  private int checks;

  /**
   * @param folders the folders as the last sync listed them
   * @param watched the folders an IDLE connection listens to (the case of INBOX does not matter)
   * @param gmail whether the server is Gmail (X-GM-EXT-1), where labels are not read
   */
  FolderCheck(List<FolderInfo> folders, Collection<String> watched, boolean gmail) {
    this.watched = new LinkedHashSet<>();
    for (String w : watched) {
      this.watched.add(key(w));
    }
    this.gmail = gmail;
    this.folders = toCheck(folders, this.watched, gmail);
  }

  /** The folders to check out of those listed, in their order. */
  static List<String> toCheck(List<FolderInfo> folders, Collection<String> watched, boolean gmail) {
    Set<String> w = new LinkedHashSet<>();
    for (String s : watched) {
      w.add(key(s));
    }
    List<String> out = new ArrayList<>();
    for (FolderInfo f : MailboxReader.toRead(folders, gmail)) {
      if (w.contains(key(f.name()))
          || f.role() == FolderRole.INBOX
          || f.role() == FolderRole.TRASH
          || f.role() == FolderRole.JUNK
          || f.role() == FolderRole.DRAFTS) {
        continue;
      }
      out.add(f.name());
    }
    return List.copyOf(out);
  }

  private static String key(String folder) {
    return folder.equalsIgnoreCase("INBOX") ? "INBOX" : folder;
  }

  /** The folders checked, in order. */
  List<String> folders() {
    return folders;
  }

  /** How many checks were made (the baseline included). */
  int checks() {
    return checks;
  }

  /**
   * Takes the folder list of a newer sync: folders gone are forgotten, new ones have no figures yet
   * (so the next check syncs once).
   */
  void folders(List<FolderInfo> listed) {
    folders = toCheck(listed, watched, gmail);
    last.keySet().retainAll(folders);
  }

  /**
   * The first check of a session, just before the sync that follows the opening of the IDLE
   * connections: its figures are the starting point and nothing counts as changed, since that sync
   * reads whatever came before it.
   */
  void baseline(IMAPStore store, ServerGuard guard) throws MessagingException {
    check(store, guard, true);
  }

  /**
   * Asks every folder's STATUS, each command within the guard's deadline.
   *
   * @return the folders that changed since the last check, in order (empty if none did)
   * @throws MessagingException if the connection failed (a folder that merely answered NO is left
   *     for the next sync to report)
   */
  List<String> check(IMAPStore store, ServerGuard guard) throws MessagingException {
    return check(store, guard, false);
  }

  private List<String> check(IMAPStore store, ServerGuard guard, boolean baseline)
      throws MessagingException {
    checks++;
    List<String> changed = new ArrayList<>();
    for (String name : folders) {
      Status st = status(store, guard, name);
      if (st == null) {
        continue;
      }
      Figures before = last.get(name);
      Figures now = Figures.after(before, st.uidvalidity, st.uidnext, st.total);
      last.put(name, now);
      if (!baseline && now.changedSince(before)) {
        changed.add(name);
      }
    }
    return changed;
  }

  /** A folder's STATUS; {@code null} if the server answered NO or BAD, or left the answer out. */
  private static @Nullable Status status(IMAPStore store, ServerGuard guard, String name)
      throws MessagingException {
    guard.arm("STATUS of " + name);
    IMAPFolder f = (IMAPFolder) store.getFolder(name);
    try {
      return (Status)
          f.doCommand(p -> p.status(name, new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY"}));
    } catch (FolderClosedException | StoreClosedException e) {
      throw e;
    } catch (MessagingException e) {
      if (guard.tripped()) {
        throw e;
      }
      // Refused for this folder (deleted meanwhile, say): the next sync lists again and says why.
      return null;
    }
  }
}
