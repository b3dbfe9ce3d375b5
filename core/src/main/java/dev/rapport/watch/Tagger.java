package dev.rapport.watch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.MailboxWriter;
import dev.rapport.track.MessageSummary;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes each contact's state as an IMAP keyword on the user's latest message to them ({@link
 * Tags}), and removes stale ones, after every evaluation that changes what the keywords should be.
 * Registered by {@link Watcher.Builder#tagging(boolean)}.
 */
final class Tagger extends ServerWriter {

  /** What one account's messages were last given. Used on the writer's thread only. */
  private static final class Done {
    // Key: folder, UID, Message-ID. Bounded: forgetting an entry only costs one more keyword pass,
    // never a wrong tag, since every pass searches.
    final Cache<String, String> tagged = Caffeine.newBuilder().maximumSize(10_000).build();
    boolean checked;
    boolean refusalReported;
  }

  private final Map<String, Done> done = new ConcurrentHashMap<>();

  Tagger(Function<String, @Nullable Account> accounts) {
    super("rapport-tagger", accounts);
  }

  @Override
  void write(Account a, Evaluation e) {
    Done d = done.computeIfAbsent(a.name(), k -> new Done());
    Map<MessageSummary, String> wanted = Tags.wanted(e.snapshot(), e.statuses());
    Map<String, String> keys = new HashMap<>();
    wanted.forEach(
        (m, k) -> keys.put(m.folder() + "\u0000" + m.uid() + "\u0000" + m.messageId(), k));
    if (d.checked && keys.equals(d.tagged.asMap())) {
      return;
    }
    try {
      MailboxWriter.KeywordResult r =
          new MailboxWriter(a.options())
              .keywords(
                  a.url(), a.credentials().get(), Tags.MANAGED, wanted, Tags.folders(e.snapshot()));
      d.tagged.invalidateAll();
      d.tagged.putAll(keys);
      d.checked = true;
      if (r.added() + r.removed() > 0) {
        a.say("tags: " + r.added() + " set, " + r.removed() + " removed");
      }
      if (!r.refused().isEmpty() && !d.refusalReported) {
        d.refusalReported = true;
        a.say(
            "the server allows no keywords in "
                + String.join(", ", r.refused())
                + ": no tags written there");
      }
    } catch (ImapException ex) {
      a.say("cannot write tags: " + ex.getMessage() + " (tried again at the next change)");
    }
  }
}
