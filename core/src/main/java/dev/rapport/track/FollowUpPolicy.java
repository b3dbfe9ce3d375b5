package dev.rapport.track;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides each contact's {@link ContactState} at the clock's current instant, following the seed
 * guidance: wait two weeks, follow up politely at most twice, then move on; thank people within 72
 * hours of meeting them; update mentors every few months. The thresholds come from {@link
 * TrackingThresholds}.
 *
 * <p>Whether the user's latest message to someone who has replied before expects an answer is
 * decided by an injected ask detector (the linter's, in the command line); to a stranger every
 * message expects one. A message whose text is not known is taken to expect an answer.
 *
 * <p>Immutable and thread-safe if the ask detector is.
 */
public final class FollowUpPolicy {

  private final TrackingThresholds thresholds;
  private final Predicate<String> asksSomething;
  private final Clock clock;

  /**
   * Creates a policy.
   *
   * @param thresholds the time limits
   * @param asksSomething whether a message's text asks the recipient for something
   * @param clock what "now" is
   */
  public FollowUpPolicy(
      TrackingThresholds thresholds, Predicate<String> asksSomething, Clock clock) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.asksSomething = Objects.requireNonNull(asksSomething, "asksSomething");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns the thresholds. */
  public TrackingThresholds thresholds() {
    return thresholds;
  }

  /**
   * Returns the status of every contact of the mailbox, and of every known contact met in person,
   * sorted by {@link ContactStatus#BY_URGENCY}.
   *
   * @param texts the text of a message from {@link Correspondence#textNeeded()}, or {@code null} if
   *     it could not be read
   * @param known contacts from the configuration (names, meetings)
   */
  public List<ContactStatus> evaluate(
      Correspondence mailbox,
      Function<MessageSummary, @Nullable String> texts,
      Collection<Contact> known) {
    return evaluate(mailbox.contacts().values(), texts, known);
  }

  /**
   * As {@link #evaluate(Correspondence, Function, Collection)}, from the contacts' histories alone
   * (such as {@link ContactHistory#trimmed()} ones kept from an earlier read).
   *
   * @param histories every contact's history, one per address
   * @param texts the text of a contact's latest message, or {@code null} if it could not be read
   * @param known contacts from the configuration (names, meetings)
   */
  public List<ContactStatus> evaluate(
      Collection<ContactHistory> histories,
      Function<MessageSummary, @Nullable String> texts,
      Collection<Contact> known) {
    Map<String, Contact> byAddress = new LinkedHashMap<>();
    for (Contact c : known) {
      byAddress.put(c.email(), c);
    }
    List<ContactStatus> out = new ArrayList<>();
    for (ContactHistory h : histories) {
      MessageSummary last = h.latestSentOrNull();
      String text = last == null ? null : texts.apply(last);
      ContactStatus s = evaluateOrNull(h, byAddress.remove(h.address()), text);
      if (s != null) {
        out.add(s);
      }
    }
    for (Contact c : byAddress.values()) {
      ContactStatus s = evaluateOrNull(null, c, null);
      if (s != null) {
        out.add(s);
      }
    }
    out.sort(ContactStatus.BY_URGENCY);
    return List.copyOf(out);
  }

  /**
   * Returns one contact's status, or empty if there is nothing to say (never written to and not
   * met).
   *
   * @param history what the mailbox says, or {@code null} if the user never wrote to them
   * @param known what the configuration says, or {@code null}
   * @param latestSentText the text of the user's latest message to them, or {@code null} if unknown
   */
  public Optional<ContactStatus> evaluate(
      @Nullable ContactHistory history, @Nullable Contact known, @Nullable String latestSentText) {
    return Optional.ofNullable(evaluateOrNull(history, known, latestSentText));
  }

  // The loop over every contact above calls this form, without the wrapper (see CONTRIBUTING.md).
  private @Nullable ContactStatus evaluateOrNull(
      @Nullable ContactHistory history, @Nullable Contact known, @Nullable String latestSentText) {
    if (history == null && known == null) {
      throw new IllegalArgumentException("need a history or a known contact");
    }
    Instant now = clock.instant();
    String address = history != null ? history.address() : Objects.requireNonNull(known).email();
    String name =
        known != null && known.name() != null
            ? known.name()
            : history == null ? null : history.name();
    Instant lastSent = history == null ? null : history.lastSentOrNull();
    Instant lastReceived = history == null ? null : history.lastReceivedOrNull();

    if (known != null && known.metOn() != null) {
      Instant met = known.metOn().atStartOfDay(clock.getZone()).toInstant();
      boolean wroteSince = false;
      if (history != null) {
        for (MessageSummary m : history.sent()) {
          wroteSince |= !Objects.requireNonNull(m.timeOrNull()).isBefore(met);
        }
      }
      if (!met.isAfter(now) && !wroteSince) {
        Instant due = met.plus(thresholds.thankYouWithin());
        String where = known.metAt() == null ? "" : " at " + known.metAt();
        String reason =
            "met"
                + where
                + " on "
                + known.metOn()
                + " and not written to since; a thank-you "
                + (due.isAfter(now) ? "is due by " : "was due by ")
                + day(due);
        return new ContactStatus(
            address,
            name,
            ContactState.THANK_YOU_DUE,
            lastSent,
            lastReceived,
            0,
            due,
            reason,
            false);
      }
    }
    if (history == null || lastSent == null) {
      return null;
    }
    MessageSummary latestReceived = history.latestReceivedOrNull();
    boolean unseen = latestReceived != null && latestReceived.role() == FolderRole.JUNK;
    String junkNote = unseen ? " (their reply is in Junk: you may not have seen it)" : "";

    ContactHistory.Bounce bounce =
        history.bounces().isEmpty() ? null : history.bounces().get(history.bounces().size() - 1);
    if (bounce != null
        && bouncedLatest(history, bounce)
        && (lastReceived == null || lastReceived.isBefore(bounce.time()))) {
      return new ContactStatus(
          address,
          name,
          ContactState.BOUNCED,
          lastSent,
          lastReceived,
          0,
          null,
          "your message of " + day(lastSent) + " came back undelivered; check the address",
          false);
    }

    if (lastReceived != null && !lastReceived.isBefore(lastSent)) {
      Instant update = lastReceived.plus(thresholds.updateAfter());
      if (!now.isBefore(update)) {
        return new ContactStatus(
            address,
            name,
            ContactState.UPDATE_DUE,
            lastSent,
            lastReceived,
            0,
            update,
            "nothing either way since their reply of "
                + day(lastReceived)
                + " ("
                + days(lastReceived, now)
                + "); a short update is due"
                + junkNote,
            unseen);
      }
      return new ContactStatus(
          address,
          name,
          ContactState.REPLIED,
          lastSent,
          lastReceived,
          0,
          lastReceived,
          "they replied on " + day(lastReceived) + "; your move" + junkNote,
          unseen);
    }

    boolean expects =
        !history.hasReplied() || latestSentText == null || asksSomething.test(latestSentText);
    if (!expects) {
      Instant update = lastSent.plus(thresholds.updateAfter());
      if (!now.isBefore(update)) {
        return new ContactStatus(
            address,
            name,
            ContactState.UPDATE_DUE,
            lastSent,
            lastReceived,
            0,
            update,
            "nothing either way since your message of "
                + day(lastSent)
                + " ("
                + days(lastSent, now)
                + "); a short update is due",
            unseen);
      }
      return new ContactStatus(
          address,
          name,
          ContactState.IN_TOUCH,
          lastSent,
          lastReceived,
          0,
          update,
          "your message of " + day(lastSent) + " asks nothing; next update due " + day(update),
          unseen);
    }

    int followUps = Math.max(0, history.unanswered() - 1);
    String waiting =
        history.hasReplied() ? "no answer to your message of " : "no reply to your message of ";
    if (followUps >= thresholds.maxFollowUps()) {
      Instant moveOn = lastSent.plus(thresholds.moveOnAfter());
      String spent =
          followUps == 0 ? "no follow-ups allowed" : plural(followUps, "follow-up") + " unanswered";
      if (!now.isBefore(moveOn)) {
        return new ContactStatus(
            address,
            name,
            ContactState.MOVE_ON,
            lastSent,
            lastReceived,
            followUps,
            moveOn,
            spent
                + ", the last on "
                + day(lastSent)
                + " ("
                + days(lastSent, now)
                + "); time to move on",
            unseen);
      }
      return new ContactStatus(
          address,
          name,
          ContactState.AWAITING_REPLY,
          lastSent,
          lastReceived,
          followUps,
          moveOn,
          spent + "; if nothing comes by " + day(moveOn) + ", move on",
          unseen);
    }
    Instant followUp = lastSent.plus(thresholds.followUpAfter());
    String which = "follow-up " + (followUps + 1) + " of " + thresholds.maxFollowUps();
    if (!now.isBefore(followUp)) {
      return new ContactStatus(
          address,
          name,
          ContactState.FOLLOW_UP_DUE,
          lastSent,
          lastReceived,
          followUps,
          followUp,
          waiting + day(lastSent) + " (" + days(lastSent, now) + "); a polite " + which + " is due",
          unseen);
    }
    return new ContactStatus(
        address,
        name,
        ContactState.AWAITING_REPLY,
        lastSent,
        lastReceived,
        followUps,
        followUp,
        waiting + day(lastSent) + " yet; " + which + " due " + day(followUp),
        unseen);
  }

  /**
   * Returns the earliest instant after now at which one of these contacts' state changes with the
   * passing of time alone, no new mail needed: a follow-up, an update or moving on falls due, or a
   * meeting from the contacts file is reached. A watcher re-evaluates then, so such states are
   * announced when they fall due rather than at the next message.
   *
   * @param statuses the statuses {@link #evaluate(Correspondence, Function, Collection)} returned
   *     now
   * @param known the contacts from the configuration
   * @return the instant, or empty if no state will change until mail arrives
   */
  public Optional<Instant> nextChange(
      Collection<ContactStatus> statuses, Collection<Contact> known) {
    Instant now = clock.instant();
    Instant next = null;
    for (ContactStatus s : statuses) {
      Instant at =
          switch (s.state()) {
            // Waiting: the due date is when a follow-up (or moving on) falls due; in touch: when an
            // update does.
            case AWAITING_REPLY, IN_TOUCH -> s.due();
            case REPLIED ->
                s.lastReceived() == null ? null : s.lastReceived().plus(thresholds.updateAfter());
            // Each of these changes only when mail comes or goes.
            case THANK_YOU_DUE, FOLLOW_UP_DUE, MOVE_ON, UPDATE_DUE, BOUNCED -> null;
          };
      next = earliestAfter(next, at, now);
    }
    for (Contact c : known) {
      if (c.metOn() != null) {
        next = earliestAfter(next, c.metOn().atStartOfDay(clock.getZone()).toInstant(), now);
      }
    }
    return Optional.ofNullable(next);
  }

  private static @Nullable Instant earliestAfter(
      @Nullable Instant best, @Nullable Instant candidate, Instant now) {
    if (candidate == null || !candidate.isAfter(now)) {
      return best;
    }
    return best == null || candidate.isBefore(best) ? candidate : best;
  }

  private static boolean bouncedLatest(ContactHistory h, ContactHistory.Bounce b) {
    MessageSummary latest = Objects.requireNonNull(h.latestSentOrNull());
    if (b.messageId() != null && b.messageId().equals(latest.messageId())) {
      return true;
    }
    if (b.messageId() != null
        && h.sent().stream().anyMatch(m -> b.messageId().equals(m.messageId()))) {
      // It reports on an older message; the latest one only counts as bounced if sent before the
      // report.
      return !Objects.requireNonNull(latest.timeOrNull()).isAfter(b.time());
    }
    return !b.time().isBefore(Objects.requireNonNull(latest.timeOrNull()));
  }

  private LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, zone());
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  private static String days(Instant from, Instant to) {
    long d = Duration.between(from, to).toDays();
    return plural(d, "day") + " ago";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
