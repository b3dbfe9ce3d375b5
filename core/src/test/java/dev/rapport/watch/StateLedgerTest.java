package dev.rapport.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLedgerTest {

  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
  private static final String KEY = "asha@imap.example.org:993";

  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();

  private static ContactStatus status(String contact, ContactState state) {
    return new ContactStatus(contact, null, state, AT, null, 0, null, "because", false);
  }

  private static List<String> changes(List<StatusEvent> events) {
    return events.stream().map(e -> e.contact() + " " + e.previous() + "->" + e.state()).toList();
  }

  @Test
  void onlyChangesAreEventsAndVanishedContactsAreForgotten() {
    StateLedger l = StateLedger.inMemory("main");
    assertEquals(
        List.of("a@x.org null->AWAITING_REPLY", "b@x.org null->REPLIED"),
        changes(
            l.update(
                List.of(
                    status("a@x.org", ContactState.AWAITING_REPLY),
                    status("b@x.org", ContactState.REPLIED)),
                AT)));
    assertEquals(
        List.of(),
        changes(
            l.update(
                List.of(
                    status("a@x.org", ContactState.AWAITING_REPLY),
                    status("b@x.org", ContactState.REPLIED)),
                AT)));
    // b's messages were deleted: no event; b coming back as before is no news, and in another state
    // is a change from then.
    assertEquals(
        List.of("a@x.org AWAITING_REPLY->FOLLOW_UP_DUE"),
        changes(l.update(List.of(status("a@x.org", ContactState.FOLLOW_UP_DUE)), AT)));
    assertEquals(1, l.size());
    assertEquals(
        List.of(),
        changes(
            l.update(
                List.of(
                    status("a@x.org", ContactState.FOLLOW_UP_DUE),
                    status("b@x.org", ContactState.REPLIED)),
                AT)));
    l.update(List.of(status("a@x.org", ContactState.FOLLOW_UP_DUE)), AT);
    assertEquals(
        List.of("b@x.org REPLIED->UPDATE_DUE"),
        changes(
            l.update(
                List.of(
                    status("a@x.org", ContactState.FOLLOW_UP_DUE),
                    status("b@x.org", ContactState.UPDATE_DUE)),
                AT)));
  }

  @Test
  void departedContactsAreRememberedOnlyUpToABound() {
    StateLedger l = StateLedger.inMemory("main");
    for (int i = 0; i < StateLedger.GONE * 3; i++) {
      l.update(
          List.of(status("c" + i + "@x.org", ContactState.AWAITING_REPLY)),
          AT); // each replaces the last
    }
    assertEquals(1, l.size());
    l.cleanUp();
    assertTrue(l.departed() <= StateLedger.GONE, "departed " + l.departed());
  }

  @Test
  void statesAndTheDigestDaySurviveARestartInAPrivateFile() throws Exception {
    StateLedger l = StateLedger.load("main", KEY, dir, notices::add);
    l.update(List.of(status("a@x.org", ContactState.BOUNCED)), AT);
    l.digestAppended(LocalDate.parse("2026-03-01"));
    l.save(notices::add);
    Path file = dir.resolve(StateLedger.fileName(KEY));
    assertEquals(file, l.file());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

    StateLedger again = StateLedger.load("main", KEY, dir, notices::add);
    assertEquals(ContactState.BOUNCED, again.state("a@x.org"));
    assertEquals(LocalDate.parse("2026-03-01"), again.lastDigest());
    assertEquals(List.of(), notices);
    assertEquals(
        List.of(), changes(again.update(List.of(status("a@x.org", ContactState.BOUNCED)), AT)));
  }

  @Test
  void aDamagedFileMeansAnnouncingEveryoneAfreshWithANotice() throws Exception {
    Files.writeString(
        dir.resolve(StateLedger.fileName(KEY)),
        "{\"version\":1,\"contacts\":{\"a@x.org\":{\"state\":\"NOT_A_STATE\"}}");
    StateLedger l = StateLedger.load("main", KEY, dir, notices::add);
    assertEquals(0, l.size());
    assertNull(l.lastDigest());
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("damaged or from another version"), notices.toString());
    assertEquals(
        List.of("a@x.org null->REPLIED"),
        changes(l.update(List.of(status("a@x.org", ContactState.REPLIED)), AT)));
  }

  @Test
  void anotherAccountsFileIsNeverRead() throws Exception {
    StateLedger a = StateLedger.load("a", "a@host:993", dir, notices::add);
    a.update(List.of(status("x@y.org", ContactState.REPLIED)), AT);
    a.save(notices::add);
    assertEquals(0, StateLedger.load("b", "b@host:993", dir, notices::add).size());
    assertTrue(!StateLedger.fileName("a@host:993").equals(StateLedger.fileName("a@host:994")));
  }
}
