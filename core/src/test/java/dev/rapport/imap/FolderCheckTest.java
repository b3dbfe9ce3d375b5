package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.track.FolderRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which folders a watcher without NOTIFY asks their STATUS. */
class FolderCheckTest {

  private static FolderInfo f(String name, FolderRole role) {
    return new FolderInfo(name, role, role != FolderRole.OTHER && role != FolderRole.INBOX);
  }

  private static final List<FolderInfo> LISTED =
      List.of(
          f("INBOX", FolderRole.INBOX),
          f("Gesendet", FolderRole.SENT),
          f("Papierkorb", FolderRole.TRASH),
          f("Spam", FolderRole.JUNK),
          f("Entwürfe", FolderRole.DRAFTS),
          f("Archiv", FolderRole.ARCHIVE),
          f("Clinic", FolderRole.OTHER),
          f("Residency/Programs", FolderRole.OTHER));

  @Test
  void theFoldersNoIdleListensToSaveTrashJunkAndDraftsAreChecked() {
    assertEquals(
        List.of("Archiv", "Clinic", "Residency/Programs"),
        FolderCheck.toCheck(LISTED, List.of("inbox", "Gesendet", "Spam"), false));
  }

  @Test
  void aFolderWithAnIdleConnectionOfItsOwnIsNotChecked() {
    assertEquals(
        List.of("Archiv", "Residency/Programs"),
        FolderCheck.toCheck(LISTED, List.of("INBOX", "Gesendet", "Clinic"), false));
  }

  @Test
  void onGmailOnlyAllMailIsChecked() {
    List<FolderInfo> gmail =
        List.of(
            f("INBOX", FolderRole.INBOX),
            f("[Gmail]/All Mail", FolderRole.ALL),
            f("[Gmail]/Sent Mail", FolderRole.SENT),
            f("[Gmail]/Spam", FolderRole.JUNK),
            f("[Gmail]/Trash", FolderRole.TRASH),
            f("Clinic", FolderRole.OTHER));
    assertEquals(
        List.of("[Gmail]/All Mail"),
        FolderCheck.toCheck(gmail, List.of("INBOX", "[Gmail]/Sent Mail", "[Gmail]/Spam"), true));
  }

  @Test
  void aNewOrGoneMessageIsAChangeAndTheSameFiguresAreNot() {
    FolderCheck.Figures first = FolderCheck.Figures.after(null, 7, 11, 10);
    assertTrue(first.changedSince(null), "a folder first seen");
    assertFalse(FolderCheck.Figures.after(first, 7, 11, 10).changedSince(first));
    assertTrue(FolderCheck.Figures.after(first, 7, 12, 11).changedSince(first), "a new message");
    assertTrue(FolderCheck.Figures.after(first, 7, 11, 9).changedSince(first), "an expunge");
  }

  @Test
  void aUidValidityThatMovesOnceIsAChangeOneThatMovesAtEveryLookIsNot() {
    FolderCheck.Figures a = FolderCheck.Figures.after(null, 7, 11, 10);
    FolderCheck.Figures renumbered = FolderCheck.Figures.after(a, 8, 11, 10);
    assertTrue(renumbered.changedSince(a), "renumbered once: sync");
    // Courier, for a folder no client opened read-write: a new UIDVALIDITY at every look.
    FolderCheck.Figures again = FolderCheck.Figures.after(renumbered, 9, 11, 10);
    assertFalse(again.changedSince(renumbered));
    FolderCheck.Figures still = FolderCheck.Figures.after(again, 10, 11, 10);
    assertFalse(still.changedSince(again));
    assertTrue(FolderCheck.Figures.after(still, 11, 12, 11).changedSince(still), "new mail there");
  }
}
