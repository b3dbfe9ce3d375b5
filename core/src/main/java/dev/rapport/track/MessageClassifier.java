package dev.rapport.track;

import dev.rapport.draft.Address;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Decides a message's {@link MessageKind} from its header fields alone. Stateless. */
final class MessageClassifier {
  private MessageClassifier() {}

  private static final Set<String> DAEMONS =
      Set.of("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon");

  static MessageKind classify(@Nullable Address from, String subject, Map<String, String> fields) {
    String type = HeaderValues.lower(fields.get("content-type"));
    boolean report = type.startsWith("multipart/report");
    if (report && type.contains("delivery-status")) {
      return MessageKind.BOUNCE;
    }
    if (fields.containsKey("x-failed-recipients")) {
      return MessageKind.BOUNCE;
    }
    String local = from == null ? "" : from.localPart();
    if (DAEMONS.contains(local) && Subjects.looksLikeBounce(subject)) {
      return MessageKind.BOUNCE;
    }
    if (report) {
      // A read receipt (disposition-notification) or another machine report: not a person
      // answering.
      return MessageKind.AUTO_REPLY;
    }
    String auto = HeaderValues.lower(fields.get("auto-submitted")).strip();
    if (!auto.isEmpty() && !auto.startsWith("no")) {
      return MessageKind.AUTO_REPLY;
    }
    if (present(fields.get("x-autoreply")) || present(fields.get("x-autorespond"))) {
      return MessageKind.AUTO_REPLY;
    }
    String precedence = HeaderValues.lower(fields.get("precedence")).strip();
    if (precedence.equals("auto_reply") || precedence.equals("auto-reply")) {
      return MessageKind.AUTO_REPLY;
    }
    if (Subjects.looksOutOfOffice(subject)) {
      return MessageKind.AUTO_REPLY;
    }
    if (DAEMONS.contains(local)) {
      return MessageKind.AUTO_REPLY;
    }
    if (fields.containsKey("list-id")
        || fields.containsKey("list-unsubscribe")
        || precedence.equals("bulk")
        || precedence.equals("list")
        || precedence.equals("junk")) {
      return MessageKind.LIST;
    }
    return MessageKind.PERSONAL;
  }

  private static boolean present(@Nullable String v) {
    if (v == null) {
      return false;
    }
    String s = v.strip().toLowerCase(java.util.Locale.ROOT);
    return !s.equals("no") && !s.equals("false") && !s.equals("0");
  }
}
