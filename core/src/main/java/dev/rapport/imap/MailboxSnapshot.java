package dev.rapport.imap;

import dev.rapport.lint.ThreadContext;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.Correspondence;
import dev.rapport.track.MessageSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a sync read from a mailbox: the folders, every message's summary, the texts tracking asked
 * for, and the correspondence they make up.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account the account, {@code user@host:port}
 * @param folders the folders and their roles (Drafts included, though never read)
 * @param messages the summaries of every message read
 * @param correspondence the contacts and their histories
 * @param texts the first few KB of the user's latest message to each contact who has replied
 *     before, by {@link MessageSummary#key()}
 * @param fetched how many message headers this sync fetched from the server (the rest came from the
 *     cache)
 * @param stamp what every folder was as read (UIDVALIDITY, UIDNEXT, message count), for {@link
 *     MailboxReader#readIfChanged}; {@code null} if some folder could not be read
 */
public record MailboxSnapshot(
    String account,
    List<FolderInfo> folders,
    List<MessageSummary> messages,
    Correspondence correspondence,
    Map<String, String> texts,
    int fetched,
    @Nullable String stamp) {

  /** Validates and copies. */
  public MailboxSnapshot {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(correspondence, "correspondence");
    folders = List.copyOf(folders);
    messages = List.copyOf(messages);
    texts = Map.copyOf(texts);
  }

  /** A snapshot without a stamp. */
  public MailboxSnapshot(
      String account,
      List<FolderInfo> folders,
      List<MessageSummary> messages,
      Correspondence correspondence,
      Map<String, String> texts,
      int fetched) {
    this(account, folders, messages, correspondence, texts, fetched, null);
  }

  /** Returns the text read of a message, if it was read. */
  public Optional<String> text(MessageSummary m) {
    return Optional.ofNullable(texts.get(m.key()));
  }

  /**
   * Returns what the mailbox says about the thread with a recipient, for the linter's timing rules:
   * whether a draft to them is a first contact, how many of the user's messages are unanswered, and
   * when each side last wrote.
   */
  public ThreadContext threadContext(String recipient) {
    ContactHistory h = correspondence.history(recipient).orElse(null);
    if (h == null) {
      return ThreadContext.FIRST_CONTACT;
    }
    return new ThreadContext(
        false, h.unanswered(), h.lastSent().orElse(null), h.lastReceived().orElse(null));
  }

  /** Returns the user's addresses as learned from the mailbox. */
  public Set<String> userAddresses() {
    return correspondence.userAddresses();
  }
}
