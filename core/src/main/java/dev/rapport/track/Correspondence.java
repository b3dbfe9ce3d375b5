package dev.rapport.track;

import dev.rapport.draft.Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Who the user corresponds with, read from message summaries of a whole mailbox: the contacts
 * (people the user wrote to), and for each the user's messages, their replies and the bounces.
 *
 * <p>Rules: drafts are ignored; copies of one message in several folders count once (a copy outside
 * Junk wins, so a reply is flagged as possibly unseen only if Junk is the only place it is); a
 * message is the user's if it is from one of the user's addresses or filed in Sent; contacts are
 * the {@code To} recipients of the user's own messages, so list mail and strangers never are; a
 * reply is attributed to its sender if a contact, else through its thread to the recipients of the
 * user's message it answers, else by base subject and participants; auto-replies are counted but
 * are not replies; a bounce is attributed through the message its report returns, or its failed
 * recipients.
 *
 * <p>Immutable and thread-safe.
 */
public final class Correspondence {

  // Written out rather than composed: every sync sorts every message by it. Same order.
  private static final Comparator<MessageSummary> BY_TIME =
      (a, b) -> {
        int c =
            Objects.requireNonNull(a.timeOrNull())
                .compareTo(Objects.requireNonNull(b.timeOrNull()));
        return c != 0 ? c : Long.compare(a.uid(), b.uid());
      };

  private final Set<String> userAddresses;
  private final Map<String, ContactHistory> contacts;
  private final int undated;

  private Correspondence(
      Set<String> userAddresses, Map<String, ContactHistory> contacts, int undated) {
    this.userAddresses = userAddresses;
    this.contacts = contacts;
    this.undated = undated;
  }

  /**
   * Analyses a mailbox.
   *
   * @param messages summaries of every message read, from every folder
   * @param userAddresses the user's own addresses (the login name if it is one, and any others
   *     known); the senders of messages in Sent are added
   */
  public static Correspondence of(
      Collection<MessageSummary> messages, Collection<String> userAddresses) {
    int undated = 0;
    Map<String, MessageSummary> byId = new LinkedHashMap<>();
    List<MessageSummary> all = new ArrayList<>();
    for (MessageSummary m : messages) {
      if (m.role() == FolderRole.DRAFTS) {
        continue;
      }
      if (m.timeOrNull() == null) {
        undated++;
        continue;
      }
      String id = m.messageId();
      if (id == null) {
        all.add(m);
        continue;
      }
      MessageSummary had = byId.get(id);
      if (had == null
          || rank(m.role()) < rank(had.role())
          || (had.report() == null && m.report() != null && rank(m.role()) == rank(had.role()))) {
        byId.put(
            id,
            had != null && had.report() != null && m.report() == null
                ? m.withReport(had.report())
                : m);
      }
    }
    all.addAll(byId.values());
    all.sort(BY_TIME);

    Set<String> user = new HashSet<>();
    for (String a : userAddresses) {
      user.add(a.strip().toLowerCase(Locale.ROOT));
    }
    for (MessageSummary m : all) {
      if (m.role() == FolderRole.SENT && m.from() != null && m.kind() == MessageKind.PERSONAL) {
        user.add(m.from().email());
      }
    }

    List<MessageSummary> ours = new ArrayList<>();
    List<MessageSummary> theirs = new ArrayList<>();
    for (MessageSummary m : all) {
      boolean mine =
          (m.from() != null && user.contains(m.from().email()))
              || (m.role() == FolderRole.SENT && m.from() == null);
      if (mine) {
        if (m.kind() == MessageKind.PERSONAL) {
          ours.add(m);
        }
      } else {
        theirs.add(m);
      }
    }

    Map<String, Builder> builders = new TreeMap<>();
    for (MessageSummary m : ours) {
      for (Address a : m.to()) {
        if (!user.contains(a.email())) {
          builders.computeIfAbsent(a.email(), Builder::new);
        }
      }
    }
    Set<String> ourIds = new HashSet<>();
    Map<String, List<MessageSummary>> oursBySubject = new HashMap<>();
    for (MessageSummary m : ours) {
      Set<String> seen = new HashSet<>();
      for (Address a : recipients(m)) {
        Builder b = builders.get(a.email());
        if (b != null && seen.add(a.email())) {
          b.sent.add(m);
          if (a.name() != null) {
            b.sentName = a.name();
          }
        }
      }
      if (m.messageId() != null) {
        ourIds.add(m.messageId());
      }
      String base = m.baseSubject();
      if (!base.isEmpty()) {
        oursBySubject.computeIfAbsent(base, k -> new ArrayList<>()).add(m);
      }
    }

    Threads threads = Threads.of(all);
    for (MessageSummary m : theirs) {
      switch (m.kind()) {
        case LIST:
          break;
        case BOUNCE:
          attributeBounce(m, builders, threads, ourIds, user);
          break;
        case AUTO_REPLY:
          for (Builder b : attribute(m, builders, threads, user, oursBySubject)) {
            b.autoReplies++;
          }
          break;
        case PERSONAL:
          for (Builder b : attribute(m, builders, threads, user, oursBySubject)) {
            b.received.add(m);
            if (m.from() != null && m.from().email().equals(b.address) && m.from().name() != null) {
              b.receivedName = m.from().name();
            }
          }
          break;
        default:
          throw new AssertionError(m.kind());
      }
    }

    Map<String, ContactHistory> out = new TreeMap<>();
    for (Builder b : builders.values()) {
      if (b.sent.isEmpty()) {
        continue;
      }
      b.bounces.sort(Comparator.comparing(ContactHistory.Bounce::time));
      out.put(
          b.address,
          new ContactHistory(
              b.address,
              b.receivedName != null ? b.receivedName : b.sentName,
              b.sent,
              b.received,
              b.bounces,
              b.autoReplies));
    }
    return new Correspondence(
        Collections.unmodifiableSet(user), Collections.unmodifiableMap(out), undated);
  }

  /** Lower is better: the copy tracking keeps when a message is filed twice. */
  private static int rank(FolderRole r) {
    switch (r) {
      case JUNK:
        return 3;
      case TRASH:
        return 2;
      case ALL:
        return 1;
      default:
        return 0;
    }
  }

  private static List<Address> recipients(MessageSummary m) {
    List<Address> r = new ArrayList<>(m.to());
    r.addAll(m.cc());
    return r;
  }

  /**
   * Finds whose reply a message from someone else is: its sender's, or through its thread, or by
   * subject.
   */
  private static Collection<Builder> attribute(
      MessageSummary m,
      Map<String, Builder> builders,
      Threads threads,
      Set<String> user,
      Map<String, List<MessageSummary>> oursBySubject) {
    if (m.from() != null) {
      Builder direct = builders.get(m.from().email());
      if (direct != null) {
        return List.of(direct);
      }
    }
    for (MessageSummary a : threads.ancestors(m)) {
      if (a.from() != null && user.contains(a.from().email())) {
        return contactsAmong(a.to(), builders);
      }
    }
    if (!m.parentIds().isEmpty() && !threads.ancestors(m).isEmpty()) {
      return List.of();
    }
    // The client dropped the headers (or never had them): match the subject and the people.
    if (!Subjects.isReply(m.subject()) || m.from() == null) {
      return List.of();
    }
    List<MessageSummary> candidates = oursBySubject.getOrDefault(m.baseSubject(), List.of());
    Instant t = Objects.requireNonNull(m.timeOrNull());
    for (int i = candidates.size() - 1; i >= 0; i--) {
      MessageSummary ours = candidates.get(i);
      if (Objects.requireNonNull(ours.timeOrNull()).isAfter(t)) {
        continue;
      }
      Set<String> copied = new HashSet<>();
      for (Address a : recipients(m)) {
        copied.add(a.email());
      }
      List<Address> match = new ArrayList<>();
      for (Address r : ours.to()) {
        if (copied.contains(r.email()) || r.domain().equals(m.from().domain())) {
          match.add(r);
        }
      }
      if (!match.isEmpty()) {
        return contactsAmong(match, builders);
      }
    }
    return List.of();
  }

  private static Collection<Builder> contactsAmong(
      List<Address> addresses, Map<String, Builder> builders) {
    Set<Builder> out = new LinkedHashSet<>();
    for (Address a : addresses) {
      Builder b = builders.get(a.email());
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  private static void attributeBounce(
      MessageSummary m,
      Map<String, Builder> builders,
      Threads threads,
      Set<String> ourIds,
      Set<String> user) {
    DeliveryReport r = m.report();
    if (r == null) {
      r = DeliveryReport.parse(new byte[0], m.fields().get("x-failed-recipients"));
      if (r.failedRecipients().isEmpty()) {
        r = new DeliveryReport(true, List.of(), null);
      }
    }
    if (!r.failed()) {
      return;
    }
    MessageSummary original = null;
    if (r.originalMessageId() != null && ourIds.contains(r.originalMessageId())) {
      original = threads.find(r.originalMessageId());
    }
    if (original == null) {
      for (MessageSummary a : threads.ancestors(m)) {
        if (a.from() != null && user.contains(a.from().email())) {
          original = a;
          break;
        }
      }
    }
    Set<String> failed = new HashSet<>(r.failedRecipients());
    Set<Builder> hit = new LinkedHashSet<>();
    if (original != null) {
      for (Address a : recipients(original)) {
        Builder b = builders.get(a.email());
        if (b != null && (failed.isEmpty() || failed.contains(a.email()))) {
          hit.add(b);
        }
      }
      if (hit.isEmpty() && failed.isEmpty()) {
        hit.addAll(contactsAmong(original.to(), builders));
      }
    }
    for (String f : failed) {
      Builder b = builders.get(f);
      if (b != null) {
        hit.add(b);
      }
    }
    String id = original == null ? null : original.messageId();
    for (Builder b : hit) {
      b.bounces.add(new ContactHistory.Bounce(Objects.requireNonNull(m.timeOrNull()), id));
    }
  }

  /** Returns the user's addresses: those given and the senders of messages in Sent. */
  public Set<String> userAddresses() {
    return userAddresses;
  }

  /** Returns every contact's history, by address. */
  public Map<String, ContactHistory> contacts() {
    return contacts;
  }

  /** Returns one contact's history. */
  public Optional<ContactHistory> history(String address) {
    return Optional.ofNullable(contacts.get(address.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns how many messages were left out because neither their headers nor the server dated
   * them.
   */
  public int undated() {
    return undated;
  }

  /**
   * Returns the messages whose text the policy needs: the user's latest message to each contact who
   * has replied before (whether it asks something decides between waiting and being in touch).
   */
  public List<MessageSummary> textNeeded() {
    Set<MessageSummary> out = new LinkedHashSet<>();
    for (ContactHistory h : contacts.values()) {
      MessageSummary last = h.latestSentOrNull();
      Instant lastReceived = h.lastReceivedOrNull();
      if (h.hasReplied()
          && last != null
          && lastReceived != null
          && Objects.requireNonNull(last.timeOrNull()).isAfter(lastReceived)) {
        out.add(last);
      }
    }
    return new ArrayList<>(out);
  }

  private static final class Builder {
    final String address;
    @Nullable String sentName;
    @Nullable String receivedName;
    final List<MessageSummary> sent = new ArrayList<>();
    final List<MessageSummary> received = new ArrayList<>();
    final List<ContactHistory.Bounce> bounces = new ArrayList<>();
    int autoReplies;

    Builder(String address) {
      this.address = address;
    }
  }
}
