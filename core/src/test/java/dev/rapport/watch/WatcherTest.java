package dev.rapport.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.WatchTimings;
import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import dev.rapport.track.Contact;
import dev.rapport.track.ContactState;
import jakarta.mail.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher end to end against GreenMail (in-process, IDLE pushes new mail in ~0.1 s), with time
 * that moves only when the test says: states that fall due with time alone are announced at that
 * very instant, each change once, across reconnections and runs.
 */
class WatcherTest {

  private static final String USER = "asha@example.org";
  private static final String PASSWORD = "gm-pw-7";
  private static final String ME = "Asha Rao <asha@example.org>";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(USER, PASSWORD);

  @TempDir Path state;

  private final List<StatusEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> notices = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger evaluations =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ManualAlarmClock time = new ManualAlarmClock(NOW, ZoneOffset.UTC);

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private StatusListener recorder() {
    return new StatusListener() {
      @Override
      public void stateChanged(StatusEvent event) {
        synchronized (events) {
          events.add(event);
          events.notifyAll();
        }
      }

      @Override
      public void evaluated(String account, List<dev.rapport.track.ContactStatus> statuses) {
        evaluations.incrementAndGet();
      }

      @Override
      public void notice(String account, String message) {
        notices.add(account + ": " + message);
      }
    };
  }

  private Watcher.Builder builder() throws Exception {
    return Watcher.builder()
        .alarmClock(time)
        .account(
            "main",
            ImapUrl.parse(greenMail.url(USER)),
            CredentialSource.of(Credentials.password(PASSWORD)),
            ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))
        .timings(
            WatchTimings.DEFAULTS
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(500))
                .withResyncEvery(Duration.ofHours(1)));
  }

  private Watcher started(Watcher.Builder b) {
    Watcher w = b.build();
    toClose.add(w);
    w.addListener(recorder());
    w.start();
    return w;
  }

  private boolean awaitEvent(Predicate<StatusEvent> p) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (events) {
      while (events.stream().noneMatch(p)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        events.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /**
   * Waits until the watcher is connected and idle: the first sync and the one after IDLE started
   * are done, and the alarm for {@code when} is set. Only then may the test move time.
   */
  private void awaitSettled(Instant when) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while ((evaluations.get() < 2 || !time.pendingAlarms().contains(when))
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(
        time.pendingAlarms().contains(when), "alarms: " + time.pendingAlarms() + ", " + notices);
  }

  private static Predicate<StatusEvent> is(String contact, ContactState state) {
    return e -> e.contact().equals(contact) && e.state() == state;
  }

  private static Mail ask(String to, Instant when) {
    return Mail.from(ME)
        .to(to)
        .subject("A question about your clinic")
        .date(when)
        .body("Could we talk for 15 minutes?")
        .build();
  }

  private List<String> eventLines() {
    List<String> out = new ArrayList<>();
    for (StatusEvent e : events) {
      out.add(e.contact() + " " + e.previous() + "->" + e.state());
    }
    return out;
  }

  @Test
  void aFollowUpFallsDueOnTheFourteenthDayWithoutNewMail() throws Exception {
    Instant sent = NOW.minus(Duration.ofDays(13));
    greenMail.append(USER, "Sent", ask("Dr. Kim <kim@uni.edu>", sent), new Flags(Flags.Flag.SEEN));
    started(builder());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    StatusEvent first = events.get(0);
    assertNull(first.previous());
    assertEquals(sent.plus(Duration.ofDays(14)), first.due().orElse(null));
    awaitSettled(sent.plus(Duration.ofDays(14)));

    time.advanceTo(NOW.plus(Duration.ofDays(3)));

    assertEquals(
        List.of("kim@uni.edu null->AWAITING_REPLY", "kim@uni.edu AWAITING_REPLY->FOLLOW_UP_DUE"),
        eventLines());
    StatusEvent due = events.get(1);
    assertEquals(
        sent.plus(Duration.ofDays(14)), due.at(), "announced at the very instant it fell due");
  }

  @Test
  void aReplyIsAnnouncedOnceHoweverOftenTheMailboxIsSynced() throws Exception {
    Mail question = ask("Dr. Kim <kim@uni.edu>", NOW.minus(Duration.ofDays(2)));
    greenMail.append(USER, "Sent", question, new Flags(Flags.Flag.SEEN));
    started(builder());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    greenMail.append(
        USER,
        "INBOX",
        question
            .reply("Dr. Kim <kim@uni.edu>")
            .date(NOW.minus(Duration.ofDays(1)))
            .body("Gladly.")
            .build(),
        new Flags());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.REPLIED)), notices.toString());
    // More mail that changes nothing for Dr. Kim: each triggers a sync, none an event.
    Mail news =
        Mail.from("PM&R News <news@lists.example.org>")
            .to(ME)
            .subject("Digest")
            .mailingList("pmr.lists.example.org")
            .date(NOW)
            .body("News.")
            .build();
    Mail other = ask("lee@uni.edu", NOW.minus(Duration.ofHours(1)));
    greenMail.append(USER, "INBOX", news, new Flags());
    greenMail.append(USER, "Sent", other, new Flags(Flags.Flag.SEEN));
    assertTrue(awaitEvent(is("lee@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    assertEquals(
        List.of(
            "kim@uni.edu null->AWAITING_REPLY",
            "kim@uni.edu AWAITING_REPLY->REPLIED",
            "lee@uni.edu null->AWAITING_REPLY"),
        eventLines());
  }

  @Test
  void aRenumberedSentFolderAnnouncesOnlyWhatIsReallyNew() throws Exception {
    Mail question = ask("Dr. Kim <kim@uni.edu>", NOW.minus(Duration.ofDays(2)));
    greenMail.append(USER, "Sent", question, new Flags(Flags.Flag.SEEN));
    started(builder());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    try (var store = greenMail.connect(USER)) {
      // Deleted and made again (as some servers do after a crash): new UIDVALIDITY, UIDs from 1.
      var sent = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("Sent");
      long validity = sent.getUIDValidity();
      // GreenMail's UIDVALIDITY is the folder's creation time in seconds: a folder made again
      // within
      // the same second would keep it. Wait for the next second (at most one), not for the watcher.
      while (System.currentTimeMillis() / 1000 <= validity) {
        Thread.sleep(20);
      }
      assertTrue(sent.delete(false));
      assertTrue(sent.create(jakarta.mail.Folder.HOLDS_MESSAGES));
      assertTrue(validity != sent.getUIDValidity());
    }
    greenMail.append(
        USER,
        "Sent",
        ask("lee@uni.edu", NOW.minus(Duration.ofHours(3))),
        new Flags(Flags.Flag.SEEN));
    greenMail.append(USER, "Sent", question, new Flags(Flags.Flag.SEEN));
    assertTrue(awaitEvent(is("lee@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    // Dr. Kim may be gone for a sync or two (the folder was empty), and comes back as they were: no
    // news.
    assertEquals(
        List.of("kim@uni.edu null->AWAITING_REPLY", "lee@uni.edu null->AWAITING_REPLY"),
        eventLines());
  }

  @Test
  void aReplyExpungedUnderOurFeetIsOneEvent() throws Exception {
    Mail question = ask("Dr. Kim <kim@uni.edu>", NOW.minus(Duration.ofDays(2)));
    greenMail.append(USER, "Sent", question, new Flags(Flags.Flag.SEEN));
    greenMail.append(
        USER,
        "INBOX",
        question.reply("kim@uni.edu").date(NOW.minus(Duration.ofDays(1))).body("Yes.").build(),
        new Flags());
    started(builder());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.REPLIED)), notices.toString());
    try (var store = greenMail.connect(USER)) {
      var inbox = store.getFolder("INBOX");
      inbox.open(jakarta.mail.Folder.READ_WRITE);
      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
    }
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    assertEquals(
        List.of("kim@uni.edu null->REPLIED", "kim@uni.edu REPLIED->AWAITING_REPLY"), eventLines());
  }

  @Test
  void aSecondRunAnnouncesOnlyWhatChangedMeanwhile() throws Exception {
    Mail question = ask("Dr. Kim <kim@uni.edu>", NOW.minus(Duration.ofDays(2)));
    greenMail.append(USER, "Sent", question, new Flags(Flags.Flag.SEEN));
    greenMail.append(
        USER,
        "Sent",
        ask("lee@uni.edu", NOW.minus(Duration.ofDays(3))),
        new Flags(Flags.Flag.SEEN));
    Map<String, String> failed = onceWithState(builder());
    assertEquals(Map.of(), failed);
    // In order of urgency: Dr. Lee's follow-up falls due first.
    assertEquals(
        List.of("lee@uni.edu null->AWAITING_REPLY", "kim@uni.edu null->AWAITING_REPLY"),
        eventLines());
    events.clear();

    assertEquals(Map.of(), onceWithState(builder()));
    assertEquals(List.of(), eventLines(), "nothing changed, nothing announced");

    greenMail.append(
        USER,
        "INBOX",
        question.reply("kim@uni.edu").date(NOW.minus(Duration.ofDays(1))).body("Yes.").build(),
        new Flags());
    assertEquals(Map.of(), onceWithState(builder()));
    assertEquals(List.of("kim@uni.edu AWAITING_REPLY->REPLIED"), eventLines());
  }

  private Map<String, String> onceWithState(Watcher.Builder b) {
    try (Watcher w = b.stateDirectory(state).build()) {
      w.addListener(recorder());
      return w.runOnce();
    }
  }

  @Test
  void aThankYouFallsDueOnTheDayOfTheMeeting() throws Exception {
    Contact park =
        new Contact(
            "park@clinic.org",
            "Dr. Park",
            "Dr.",
            "the AAPM&R assembly",
            LocalDate.parse("2026-03-04"),
            List.of());
    greenMail.append(
        USER,
        "Sent",
        ask("lee@uni.edu", NOW.minus(Duration.ofDays(1))),
        new Flags(Flags.Flag.SEEN));
    started(builder().contacts(List.of(park)));
    assertTrue(awaitEvent(is("lee@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    awaitSettled(Instant.parse("2026-03-04T00:00:00Z"));
    time.advanceTo(Instant.parse("2026-03-05T00:00:00Z"));
    assertTrue(
        events.stream().anyMatch(is("park@clinic.org", ContactState.THANK_YOU_DUE)),
        eventLines().toString());
    StatusEvent thanks =
        events.stream()
            .filter(is("park@clinic.org", ContactState.THANK_YOU_DUE))
            .findFirst()
            .orElseThrow();
    assertEquals(Instant.parse("2026-03-04T00:00:00Z"), thanks.at());
    assertEquals("Dr. Park", thanks.name().orElse(null));
  }

  @Test
  void oneFailingAccountNeverStopsTheOthers() throws Exception {
    greenMail.append(
        USER,
        "Sent",
        ask("kim@uni.edu", NOW.minus(Duration.ofDays(2))),
        new Flags(Flags.Flag.SEEN));
    Watcher w =
        started(
            builder()
                .account(
                    "wrong-password",
                    ImapUrl.parse(greenMail.url(USER)),
                    CredentialSource.of(Credentials.password("nope")),
                    ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .account(
                    "nobody-home",
                    ImapUrl.parse("imap://x@127.0.0.1:1"),
                    CredentialSource.of(Credentials.password("x")),
                    ImapOptions.DEFAULTS.withTimeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(5))));
    Map<String, String> failed = w.awaitFirstSync(WAIT);
    assertEquals(
        List.of("wrong-password", "nobody-home"), List.copyOf(failed.keySet()), failed.toString());
    assertTrue(
        failed.get("wrong-password").contains("wrong user name or password"), failed.toString());
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    greenMail.append(
        USER,
        "Sent",
        ask("lee@uni.edu", NOW.minus(Duration.ofHours(2))),
        new Flags(Flags.Flag.SEEN));
    assertTrue(awaitEvent(is("lee@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    assertTrue(events.stream().allMatch(e -> e.account().equals("main")), eventLines().toString());
    assertTrue(
        notices.stream().anyMatch(n -> n.startsWith("nobody-home: ") && n.contains("trying again")),
        notices.toString());
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
    greenMail.append(
        USER,
        "Sent",
        ask("kim@uni.edu", NOW.minus(Duration.ofDays(2))),
        new Flags(Flags.Flag.SEEN));
    Watcher w = builder().build();
    toClose.add(w);
    w.addListener(
        e -> {
          throw new IllegalStateException("boom");
        });
    w.addListener(recorder());
    w.start();
    assertTrue(awaitEvent(is("kim@uni.edu", ContactState.AWAITING_REPLY)), notices.toString());
    assertTrue(
        notices.stream()
            .anyMatch(n -> n.contains("a listener failed: IllegalStateException: boom")),
        notices.toString());
  }

  @Test
  void theEventIsOneLineOfJson() throws Exception {
    StatusEvent e =
        new StatusEvent(
            "main",
            new dev.rapport.track.ContactStatus(
                "kim@uni.edu",
                "Dr. \"Kim\"\nJr",
                ContactState.FOLLOW_UP_DUE,
                NOW,
                null,
                0,
                NOW.plus(Duration.ofDays(14)),
                "no reply",
                false),
            ContactState.AWAITING_REPLY,
            NOW);
    String json = e.toJson();
    assertEquals(-1, json.indexOf('\n'));
    assertEquals(
        "{\"event\":\"state\",\"account\":\"main\",\"contact\":\"kim@uni.edu\",\"name\":\"Dr. \\\"Kim\\\"\\nJr\","
            + "\"state\":\"FOLLOW_UP_DUE\",\"previous\":\"AWAITING_REPLY\",\"due\":\"2026-03-15T12:00:00Z\",\"reason\":\"no reply\","
            + "\"at\":\"2026-03-01T12:00:00Z\"}",
        json);
  }

  @Test
  void eachBuilderSettingIsGivenOnce() {
    Watcher.Builder b =
        Watcher.builder().tagging(false).timings(WatchTimings.DEFAULTS).digestAt(null);
    assertEquals(
        "tagging was already set",
        assertThrows(IllegalStateException.class, () -> b.tagging(true)).getMessage());
    assertThrows(IllegalStateException.class, () -> b.timings(WatchTimings.DEFAULTS));
    assertThrows(IllegalStateException.class, () -> b.digestAt(java.time.LocalTime.NOON));
    Watcher.Builder c = Watcher.builder().contacts(List.of());
    assertThrows(IllegalStateException.class, () -> c.contacts(List.of()));
  }
}
