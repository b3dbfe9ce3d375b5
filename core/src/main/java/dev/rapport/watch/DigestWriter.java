package dev.rapport.watch;

import dev.rapport.imap.ImapException;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.MailboxWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Appends the day's {@link Digest} to INBOX after the first evaluation at or past the digest time,
 * once a day (the watcher's ledger remembers the day, and its alarms wake it at that time).
 * Registered by {@link Watcher.Builder#digestAt(LocalTime)}.
 */
final class DigestWriter extends ServerWriter {
  private final LocalTime at;
  private final ZoneId zone;

  DigestWriter(LocalTime at, ZoneId zone, Function<String, @Nullable Account> accounts) {
    super("rapport-digest", accounts);
    this.at = at;
    this.zone = zone;
  }

  @Override
  void write(Account a, Evaluation e) {
    Instant now = e.at();
    LocalDate today = LocalDate.ofInstant(now, zone);
    if (today.equals(a.lastDigest()) || now.isBefore(today.atTime(at).atZone(zone).toInstant())) {
      return;
    }
    if (!Digest.worthSending(e.statuses())) {
      a.digestAppended(today); // nothing to do today: no message, and no second look until tomorrow
      return;
    }
    try {
      jakarta.mail.internet.MimeMessage m =
          Digest.compose(userAddress(a, e.snapshot()), today, e.statuses(), now, zone);
      new MailboxWriter(a.options()).append(a.url(), a.credentials().get(), "INBOX", m, now);
      a.digestAppended(today);
      a.say("digest for " + today + " added to INBOX");
    } catch (ImapException ex) {
      a.say("cannot add the digest: " + ex.getMessage() + " (tried again later)");
    } catch (jakarta.mail.MessagingException ex) {
      a.say("cannot compose the digest: " + ex.getClass().getSimpleName());
    }
  }

  private static String userAddress(Account a, MailboxSnapshot snap) {
    if (a.url().user().contains("@")) {
      return a.url().user();
    }
    Set<String> mine = snap.userAddresses();
    return mine.isEmpty()
        ? a.url().user().toLowerCase(Locale.ROOT) + "@" + a.url().host()
        : mine.stream().sorted().findFirst().orElseThrow();
  }
}
