package dev.rapport.track;

import dev.rapport.draft.Address;
import dev.rapport.draft.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One message as tracking sees it: its header fields, where it is filed and what kind of message it
 * is. Built from the header fields an IMAP client fetched ({@link #HEADER_FIELDS}); never from a
 * body, except for the delivery report a bounce carries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param folder the folder's full name
 * @param role what the folder is for
 * @param uid the message's IMAP UID in that folder (0 if unknown)
 * @param internalDate when the server received or stored it, or {@code null}
 * @param messageId its {@code Message-ID} without angle brackets, or {@code null}
 * @param inReplyTo the ids in {@code In-Reply-To}
 * @param references the ids in {@code References}, oldest first (capped: the first and the latest
 *     255 of a longer list)
 * @param from the first {@code From} address, or {@code null}
 * @param to the {@code To} addresses
 * @param cc the {@code Cc} addresses
 * @param subject the decoded subject, or an empty string
 * @param date the {@code Date} header, or {@code null} if missing or unreadable
 * @param fields the other fields tracking looks at, by lower-case name: {@code auto-submitted},
 *     {@code x-autoreply}, {@code x-autorespond}, {@code precedence}, {@code list-id}, {@code
 *     list-unsubscribe}, {@code content-type}, {@code x-failed-recipients}
 * @param kind what kind of message it is
 * @param report the delivery report of a bounce, once read, or {@code null}
 */
public record MessageSummary(
    String folder,
    FolderRole role,
    long uid,
    @Nullable Instant internalDate,
    @Nullable String messageId,
    List<String> inReplyTo,
    List<String> references,
    @Nullable Address from,
    List<Address> to,
    List<Address> cc,
    String subject,
    @Nullable Instant date,
    Map<String, String> fields,
    MessageKind kind,
    @Nullable DeliveryReport report) {

  /** The header fields to fetch for a summary (as in {@code BODY.PEEK[HEADER.FIELDS (...)]}). */
  public static final List<String> HEADER_FIELDS =
      List.of(
          "Message-ID",
          "In-Reply-To",
          "References",
          "From",
          "To",
          "Cc",
          "Subject",
          "Date",
          "Auto-Submitted",
          "X-Autoreply",
          "X-Autorespond",
          "Precedence",
          "List-Id",
          "List-Unsubscribe",
          "Content-Type",
          "X-Failed-Recipients");

  private static final List<String> EXTRA_FIELDS =
      List.of(
          "auto-submitted",
          "x-autoreply",
          "x-autorespond",
          "precedence",
          "list-id",
          "list-unsubscribe",
          "content-type",
          "x-failed-recipients");

  /**
   * How far past the server's date a {@code Date} header may be before the server's date is
   * trusted.
   */
  private static final Duration DATE_AFTER = Duration.ofDays(1);

  private static final long DATE_AFTER_SECONDS = DATE_AFTER.getSeconds();

  /** Validates and copies. */
  public MessageSummary {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kind, "kind");
    inReplyTo = List.copyOf(inReplyTo);
    references = List.copyOf(references);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    fields = Map.copyOf(fields);
    if (messageId != null && messageId.isBlank()) {
      messageId = null;
    }
  }

  /**
   * Builds a summary from fetched header fields. Never fails on bad input: unreadable addresses are
   * picked out by shape, garbage dates become {@code null}, broken message ids are dropped.
   *
   * @param headers field values by name (any case); a field present twice keeps its first value
   */
  public static MessageSummary of(
      String folder,
      FolderRole role,
      long uid,
      @Nullable Instant internalDate,
      Map<String, List<String>> headers) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (k, v) -> {
          if (!v.isEmpty() && v.get(0) != null && !h.containsKey(k)) {
            h.put(k, v.get(0));
          }
        });
    String messageId = Headers.messageId(h.get("Message-ID")).orElse(null);
    List<String> inReplyTo = Headers.messageIds(h.get("In-Reply-To"));
    List<String> references = HeaderValues.capReferences(Headers.messageIds(h.get("References")));
    if (messageId != null) {
      inReplyTo = without(inReplyTo, messageId);
      references = without(references, messageId);
    }
    List<Address> froms = HeaderValues.addresses(h.get("From"));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String f : EXTRA_FIELDS) {
      String v = h.get(f);
      if (v != null) {
        String u = Headers.unfold(v);
        fields.put(f, u.length() > 1000 ? u.substring(0, 1000) : u);
      }
    }
    String subject = Headers.decodeText(h.get("Subject"));
    if (subject.length() > 1000) {
      subject = subject.substring(0, 1000);
    }
    Address from = froms.isEmpty() ? null : froms.get(0);
    MessageKind kind = MessageClassifier.classify(from, subject, fields);
    return new MessageSummary(
        folder,
        role,
        uid,
        internalDate,
        messageId,
        inReplyTo,
        references,
        from,
        HeaderValues.addresses(h.get("To")),
        HeaderValues.addresses(h.get("Cc")),
        subject,
        HeaderValues.date(h.get("Date")),
        fields,
        kind,
        null);
  }

  /**
   * Builds a summary from a raw header block ({@code Name: value} lines, folded lines allowed), as
   * in an {@code .eml} file; handy for tests and for files.
   */
  public static MessageSummary parse(
      String folder,
      FolderRole role,
      long uid,
      @Nullable Instant internalDate,
      String headerBlock) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : headerBlock.split("\\r?\\n", -1)) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
        value.append("\r\n").append(line);
        continue;
      }
      if (name != null) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString());
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      value.setLength(0);
      value.append(line.substring(colon + 1).strip());
    }
    if (name != null) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString());
    }
    return of(folder, role, uid, internalDate, headers);
  }

  /** Returns this summary with a bounce's delivery report attached. */
  public MessageSummary withReport(@Nullable DeliveryReport r) {
    return new MessageSummary(
        folder,
        role,
        uid,
        internalDate,
        messageId,
        inReplyTo,
        references,
        from,
        to,
        cc,
        subject,
        date,
        fields,
        kind,
        r);
  }

  /** Returns this summary as filed in another folder (same message, other copy). */
  public MessageSummary inFolder(String otherFolder, FolderRole otherRole, long otherUid) {
    return new MessageSummary(
        otherFolder,
        otherRole,
        otherUid,
        internalDate,
        messageId,
        inReplyTo,
        references,
        from,
        to,
        cc,
        subject,
        date,
        fields,
        kind,
        report);
  }

  /**
   * Returns when the message was written, as best known: the {@code Date} header, unless it is
   * missing, unreadable or later than a day after the server's date (a sender's clock gone wrong),
   * then the server's date. An earlier {@code Date} is trusted: mail copied in from another account
   * gets a new server date but keeps its own.
   *
   * @return the time, or empty if the message has neither date
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(timeOrNull());
  }

  /**
   * {@link #time()} without the wrapper, for the per-message work of a sync (sorting, grouping).
   */
  @Nullable Instant timeOrNull() {
    if (internalDate == null) {
      return date;
    }
    if (date == null) {
      return internalDate;
    }
    // date.isAfter(internalDate.plus(DATE_AFTER)) without an Instant per call: sorting a sync's
    // messages by time asks this some 300,000 times for 10,000 messages.
    long limit = internalDate.getEpochSecond() + DATE_AFTER_SECONDS;
    long d = date.getEpochSecond();
    return d > limit || (d == limit && date.getNano() > internalDate.getNano())
        ? internalDate
        : date;
  }

  /**
   * Returns the ids this message replies to, nearest first: {@code In-Reply-To}, then {@code
   * References} newest first.
   */
  public List<String> parentIds() {
    List<String> out = new ArrayList<>(inReplyTo);
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!out.contains(references.get(i))) {
        out.add(references.get(i));
      }
    }
    return out;
  }

  /** Returns the subject without reply and forward prefixes, lower-cased. */
  public String baseSubject() {
    return Subjects.base(subject);
  }

  /** Returns a key naming this copy of the message: folder and UID. */
  public String key() {
    return folder + "\u0000" + uid;
  }

  private static List<String> without(List<String> ids, String id) {
    if (!ids.contains(id)) {
      return ids;
    }
    List<String> out = new ArrayList<>(ids);
    out.removeIf(id::equals);
    return out;
  }
}
