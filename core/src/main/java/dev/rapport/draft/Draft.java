package dev.rapport.draft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A drafted email, parsed and split into what the writer wrote now (greeting, body, closing) and
 * what they did not (signature, quoted reply, forwarded message).
 *
 * <p>All offsets ({@link Segment}s, {@link #position(int)}) index {@link #text()}: the decoded,
 * visible text of the message body. Obtain one from {@link Drafts}. Immutable and thread-safe.
 */
public final class Draft {

  private final String source;
  private final DraftFormat format;
  private final String subject;
  private final @Nullable Address from;
  private final List<Address> to;
  private final List<Address> cc;
  private final @Nullable String messageId;
  private final List<String> references;
  private final @Nullable Instant date;
  private final @Nullable String dateHeader;
  private final List<Attachment> attachments;
  private final String text;
  private final List<Segment> segments;
  private final SourceMap bodyMap;
  private final SourcePosition subjectPosition;
  private final java.util.Set<String> ignoredRules;

  Draft(Builder b, String text, List<Segment> segments, SourceMap bodyMap) {
    this.source = b.source;
    this.format = b.format;
    this.subject = b.subject;
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.cc = List.copyOf(b.cc);
    this.messageId = b.messageId;
    this.references = List.copyOf(b.references);
    this.date = b.date;
    this.dateHeader = b.dateHeader;
    this.attachments = List.copyOf(b.attachments);
    this.text = text;
    this.segments = List.copyOf(segments);
    this.bodyMap = bodyMap;
    this.subjectPosition = b.subjectPosition;
    this.ignoredRules =
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.ignoredRules));
  }

  /** Returns where the draft came from: a file name, {@code "-"} for standard input, or a label. */
  public String source() {
    return source;
  }

  /** Returns the form the draft arrived in. */
  public DraftFormat format() {
    return format;
  }

  /** Returns the decoded subject, or an empty string if there is none. */
  public String subject() {
    return subject;
  }

  /** Returns the sender, if the draft says. */
  public Optional<Address> from() {
    return Optional.ofNullable(from);
  }

  /** Returns the {@code To:} recipients. */
  public List<Address> to() {
    return to;
  }

  /** Returns the {@code Cc:} recipients. */
  public List<Address> cc() {
    return cc;
  }

  /** Returns the {@code Message-ID} without angle brackets, if the draft has one. */
  public Optional<String> messageId() {
    return Optional.ofNullable(messageId);
  }

  /**
   * Returns the message ids of {@code In-Reply-To} and {@code References}, without brackets, oldest
   * first.
   */
  public List<String> references() {
    return references;
  }

  /** Returns the {@code Date:} of the draft, if it has one that can be read. */
  public Optional<Instant> date() {
    if (date != null || dateHeader == null) {
      return Optional.ofNullable(date);
    }
    // Parsed on demand: the date parser is costly to load and most callers never ask.
    try {
      java.util.Date d = new jakarta.mail.internet.MailDateFormat().parse(dateHeader);
      return Optional.ofNullable(d).map(java.util.Date::toInstant);
    } catch (java.text.ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the attached files, by name and type. */
  public List<Attachment> attachments() {
    return attachments;
  }

  /** Returns the decoded visible text of the body, quoted and signature parts included. */
  public String text() {
    return text;
  }

  /** Returns the segments of {@link #text()}, in order, covering it without gaps. */
  public List<Segment> segments() {
    return segments;
  }

  /** Returns the segments of the given kind, in order. */
  public List<Segment> segments(SegmentKind kind) {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments) {
      if (s.kind() == kind) {
        out.add(s);
      }
    }
    return out;
  }

  /** Returns the greeting line, if the draft has one. */
  public Optional<Segment> greeting() {
    return first(SegmentKind.GREETING);
  }

  /** Returns the closing phrase, if the draft has one. */
  public Optional<Segment> closing() {
    return first(SegmentKind.CLOSING);
  }

  /** Returns the segments the writer wrote now: greeting, body and closing. */
  public List<Segment> newText() {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments) {
      if (s.kind().isNewText()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Returns whether this draft quotes or forwards an earlier message. */
  public boolean isReplyOrForward() {
    return !references.isEmpty()
        || segments.stream()
            .anyMatch(s -> s.kind() == SegmentKind.QUOTE || s.kind() == SegmentKind.FORWARD);
  }

  /**
   * Returns the line and column in the original input of the character at {@code offset} in {@link
   * #text()}: of the file for plain text and for {@code .eml} bodies sent as text, 7bit, 8bit or
   * quoted-printable; of the visible text for HTML and for base64 bodies.
   */
  public SourcePosition position(int offset) {
    Objects.checkIndex(Math.max(0, Math.min(offset, text.length())), text.length() + 1);
    return bodyMap.position(offset);
  }

  /**
   * Returns where the subject sits in the original input ({@code Subject:} header), or line 1,
   * column 1.
   */
  public SourcePosition subjectPosition() {
    return subjectPosition;
  }

  /**
   * Returns the ids of the rules this one message asks not to be checked against, in the order
   * given: the {@code X-Rapport-Ignore: RULE_ID, RULE_ID} header of an {@code .eml} message, or
   * {@link Builder#ignore(String)}. The linter leaves their findings out of the score.
   */
  public java.util.Set<String> ignoredRules() {
    return ignoredRules;
  }

  private Optional<Segment> first(SegmentKind kind) {
    for (Segment s : segments) {
      if (s.kind() == kind) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Draft[" + source + ", " + format + ", " + text.length() + " chars]";
  }

  /**
   * Builds a draft from parts an email client already has (the compose window's fields), rather
   * than from a file. Not thread-safe; each setter may be called once or more, the last call wins.
   */
  public static final class Builder {
    String source = "draft";
    DraftFormat format = DraftFormat.TEXT;
    String subject = "";
    @Nullable Address from;
    final List<Address> to = new ArrayList<>();
    final List<Address> cc = new ArrayList<>();
    @Nullable String messageId;
    final List<String> references = new ArrayList<>();
    @Nullable Instant date;
    @Nullable String dateHeader;
    final List<Attachment> attachments = new ArrayList<>();
    SourcePosition subjectPosition = SourcePosition.START;
    final java.util.Set<String> ignoredRules = new java.util.LinkedHashSet<>();
    @Nullable String body;
    boolean html;

    Builder() {}

    /** Sets the label that findings name, such as a file name. */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the subject. */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** Sets the sender. */
    public Builder from(@Nullable Address from) {
      this.from = from;
      return this;
    }

    /** Adds a {@code To:} recipient. */
    public Builder to(Address address) {
      to.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Adds {@code To:} recipients parsed from an address list such as {@code "Dr. Ana Ruiz
     * <ana@example.edu>, b@example.org"}.
     */
    public Builder to(String addressList) {
      to.addAll(Headers.addresses(addressList));
      return this;
    }

    /** Adds a {@code Cc:} recipient. */
    public Builder cc(Address address) {
      cc.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** Adds {@code Cc:} recipients parsed from an address list. */
    public Builder cc(String addressList) {
      cc.addAll(Headers.addresses(addressList));
      return this;
    }

    /** Adds the id of a message this draft replies to (for thread context). */
    public Builder reference(String messageId) {
      references.add(Headers.stripBrackets(messageId));
      return this;
    }

    /** Sets the date of the draft. */
    public Builder date(@Nullable Instant date) {
      this.date = date;
      return this;
    }

    /**
     * Asks the linter not to check this draft against the rule {@code ruleId} (a false positive,
     * say).
     */
    public Builder ignore(String ruleId) {
      ignoredRules.add(Objects.requireNonNull(ruleId, "ruleId"));
      return this;
    }

    /** Lists an attachment. */
    public Builder attachment(Attachment attachment) {
      attachments.add(Objects.requireNonNull(attachment, "attachment"));
      return this;
    }

    /** Sets a plain-text body. */
    public Builder plainText(String body) {
      this.body = Objects.requireNonNull(body, "body");
      this.html = false;
      return this;
    }

    /** Sets an HTML body; findings will point into its visible text. */
    public Builder html(String body) {
      this.body = Objects.requireNonNull(body, "body");
      this.html = true;
      return this;
    }

    /** Parses the body and returns the draft. */
    public Draft build() {
      String b = body == null ? "" : body;
      if (html) {
        format = DraftFormat.HTML;
        return HtmlText.extract(b).toDraft(this);
      }
      format = DraftFormat.TEXT;
      String text = Texts.normalizeNewlines(b);
      SourceMap map =
          text.equals(b) ? SourceMap.identity(text) : SourceMap.ofString(Texts.crlfRuns(b), b);
      return new Draft(this, text, StructureSplitter.split(text, null), map);
    }
  }
}
