package dev.rapport.track;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Messages linked into threads by {@code Message-ID}, {@code In-Reply-To} and {@code References},
 * across folders, in the spirit of Jamie Zawinski's algorithm: every id gets a container (possibly
 * empty, for messages the mailbox does not hold), each reference chain links parent to child, and a
 * link that would close a loop is refused. So broken, missing, duplicated and looping references
 * degrade to shorter threads, never to a hang or a wrong parent.
 *
 * <p>Immutable once built and thread-safe.
 */
public final class Threads {

  private static final class Node {
    final String id;
    @Nullable MessageSummary message;
    @Nullable Node parent;

    Node(String id) {
      this.id = id;
    }
  }

  private final Map<String, Node> byId = new HashMap<>();

  private Threads() {}

  /**
   * Threads the messages. A message without a {@code Message-ID} gets a private id and can still
   * have parents. When two messages share an id (copies in two folders), the first one given wins.
   */
  public static Threads of(Collection<MessageSummary> messages) {
    Threads t = new Threads();
    for (MessageSummary m : messages) {
      t.add(m);
    }
    return t;
  }

  private Node node(String id) {
    return byId.computeIfAbsent(id, Node::new);
  }

  private static String idOf(MessageSummary m) {
    return m.messageId() != null ? m.messageId() : "\u0000" + m.key();
  }

  private void add(MessageSummary m) {
    Node self = node(idOf(m));
    if (self.message != null) {
      return;
    }
    self.message = m;
    // References oldest first, then In-Reply-To's first id if References left it out.
    List<String> chain = new ArrayList<>(m.references());
    if (!m.inReplyTo().isEmpty() && !chain.contains(m.inReplyTo().get(0))) {
      chain.add(m.inReplyTo().get(0));
    }
    Node prev = null;
    for (String id : chain) {
      Node n = node(id);
      if (prev != null && n.parent == null && n != prev && !reaches(prev, n)) {
        n.parent = prev;
      }
      prev = n;
    }
    // The message's own parent is its nearest reference, and overrides what other messages guessed.
    // If prev descends from self, the headers loop: self keeps the parent it had.
    if (prev != null && prev != self && !reaches(prev, self)) {
      self.parent = prev;
    }
  }

  /** Whether {@code target} is {@code from} or one of its ancestors. */
  private static boolean reaches(Node from, Node target) {
    int guard = 0;
    for (Node n = from; n != null && guard < 100_000; n = n.parent, guard++) {
      if (n == target) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the messages this one replies to, directly or not, nearest first (only those the
   * mailbox holds).
   */
  public List<MessageSummary> ancestors(MessageSummary m) {
    Objects.requireNonNull(m, "m");
    List<MessageSummary> out = new ArrayList<>();
    Node self = byId.get(idOf(m));
    if (self == null) {
      return out;
    }
    int guard = 0;
    for (Node n = self.parent; n != null && n != self && guard < 100_000; n = n.parent, guard++) {
      if (n.message != null) {
        out.add(n.message);
      }
    }
    return out;
  }

  /** Returns the id of the root of the message's thread (its own id if it starts one). */
  public String rootId(MessageSummary m) {
    Node n = byId.get(idOf(m));
    if (n == null) {
      return idOf(m);
    }
    int guard = 0;
    while (n.parent != null && guard++ < 100_000) {
      n = n.parent;
    }
    return n.id;
  }

  /**
   * Returns the message with this id, or {@code null} if the mailbox does not hold it.
   * Package-private (only {@link Correspondence} looks messages up), so it keeps {@code @Nullable}.
   */
  @Nullable MessageSummary find(String messageId) {
    Node n = byId.get(messageId);
    return n == null ? null : n.message;
  }
}
