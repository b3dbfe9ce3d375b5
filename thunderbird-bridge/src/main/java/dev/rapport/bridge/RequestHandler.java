package dev.rapport.bridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rapport.config.ConfigException;
import dev.rapport.config.SenderProfiles;
import dev.rapport.draft.Address;
import dev.rapport.draft.Attachment;
import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.internal.Text;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.ScorecardJson;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.ThreadContext;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Answers one request of the bridge protocol. Requests are JSON objects with a {@code type}:
 *
 * <ul>
 *   <li>{@code {"id":1,"type":"ping"}} → {@code {"id":1,"type":"pong","version":"…"}}
 *   <li>{@code {"id":2,"type":"lint","draft":{"to":[…],"cc":[…],"subject":"…","isPlainText":true,
 *       "plainTextBody":"…","body":"<html>…","attachments":["cv.pdf"]},"profile":{"visa":"J-1",
 *       "school":"…","country":"…"},"failUnder":60}} → {@code {"id":2,"type":"scorecard",
 *       "scorecard":{…},"thread":null,"cached":false,"micros":1234}}, the scorecard being the
 *       object {@code rapport lint --format json} prints for one draft, and {@code thread} what the
 *       configured mailboxes said about the first recipient ({@code {"known":true,
 *       "firstContact":false,"unanswered":1,"lastSent":"…","lastReceived":null,"account":"…",
 *       "syncedAt":"…"}}), or {@code null} when no mailbox has been read
 * </ul>
 *
 * <p>Anything else gets {@code {"id":…,"type":"error","code":"…","error":"one line"}}. Scorecards
 * are cached by draft content, profile and configuration, so checking an unchanged draft again (the
 * popup, then the send button) costs a hash. Thread-safe.
 */
final class RequestHandler {

  /** The protocol version, reported by {@code ping}. */
  static final int PROTOCOL = 1;

  private static final Set<String> DRAFT_KEYS =
      Set.of("to", "cc", "bcc", "subject", "isPlainText", "plainTextBody", "body", "attachments");

  private final ObjectMapper json;
  private final LinterSource linters;
  private final Cache<String, Scorecard> cards;
  private final String version;
  private final @Nullable ThreadSource threads;
  private final Clock clock;

  /** A handler that lints without thread context. */
  RequestHandler(LinterSource linters, int cacheEntries, String version) {
    this(linters, null, Clock.systemUTC(), cacheEntries, version);
  }

  /**
   * @param threads the mailboxes' thread context, or {@code null} to lint without it
   * @param clock dates cached scorecards that depend on the thread (a follow-up's wait is in days)
   */
  RequestHandler(
      LinterSource linters,
      @Nullable ThreadSource threads,
      Clock clock,
      int cacheEntries,
      String version) {
    this.linters = Objects.requireNonNull(linters, "linters");
    this.threads = threads;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.version = Objects.requireNonNull(version, "version");
    // A draft may be as large as rapport-core reads (25 MB): lift Jackson's 20 M-character default.
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Drafts.MAX_BYTES + 1024)
                    .maxNestingDepth(64)
                    .build())
            .build();
    // One frame is one JSON value: trailing bytes or a repeated key mean the sender and we would
    // read
    // different requests, so both are refused rather than ignored.
    this.json =
        new ObjectMapper(factory)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.cards =
        Caffeine.newBuilder()
            .maximumSize(cacheEntries)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
  }

  /**
   * A request that exercises the whole lint path: used to warm the JIT and to train the class-data
   * archive.
   */
  static String sampleLintRequest() {
    var r = JsonNodeFactory.instance.objectNode().put("id", 0).put("type", "lint");
    var d = r.putObject("draft");
    d.putArray("to").add("Dr. Sam Lee <sam.lee@example.edu>");
    d.put("subject", "Question about your stroke rehabilitation clinic");
    d.put("isPlainText", false);
    d.put(
        "body",
        "<html><body><p>Dear Dr. Lee,</p><p>I read your paper on early mobility after stroke. Would you have 15 minutes "
            + "for a video call next week about [topic]?</p><p>Sincerely,<br>Ana</p></body></html>");
    return r.toString();
  }

  /**
   * Lints a sample draft once, outside the cache, so the first real draft meets loaded classes and
   * compiled code. The add-on starts the host when a compose window opens, long before the send.
   */
  void warmUp() {
    handle(
        sampleLintRequest()
            .replace("[topic]", "[topic " + System.nanoTime() + "]")
            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts reading the configured mailboxes in the background, so thread context is ready by the
   * first send; returns at once. A configuration error is left for the first lint to report.
   *
   * @return completes when those reads are over (for tests; the host does not wait)
   */
  CompletableFuture<Void> startMailboxes() {
    if (threads == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return threads.refresh(linters.linter(null).accounts());
    } catch (ConfigException | RuntimeException e) {
      // The lint that meets the same configuration answers with a "config" error.
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Answers a request; never throws. */
  ObjectNode handle(byte[] payload) {
    JsonNode id = null;
    try {
      JsonNode request;
      try {
        request = json.readTree(payload);
      } catch (JsonProcessingException e) {
        throw new BridgeRequestException(
            "bad-json", "the request is not JSON: " + oneLine(e.getOriginalMessage()));
      } catch (java.io.IOException e) {
        throw new BridgeRequestException(
            "bad-json", "the request is not readable: " + oneLine(e.getMessage()));
      }
      if (request == null || !request.isObject()) {
        throw new BridgeRequestException(
            "bad-request", "a request is a JSON object with a \"type\"");
      }
      id = request.get("id");
      if (id != null && !(id.isIntegralNumber() || id.isTextual())) {
        id = null;
        throw new BridgeRequestException("bad-request", "\"id\" must be a number or a string");
      }
      JsonNode type = request.get("type");
      if (type == null || !type.isTextual()) {
        throw new BridgeRequestException(
            "bad-request", "the request has no \"type\" (expected ping or lint)");
      }
      switch (type.textValue()) {
        case "ping":
          return reply(id, "pong").put("version", version).put("protocol", PROTOCOL);
        case "lint":
          return lint(id, request);
        default:
          throw new BridgeRequestException(
              "unknown-type",
              "unknown request type '" + clip(type.textValue()) + "' (expected ping or lint)");
      }
    } catch (BridgeRequestException e) {
      return error(id, e.code(), e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // One pathological draft must not take the host (and every later send) down with it.
      return error(
          id,
          "internal",
          "the host failed on this draft ("
              + e.getClass().getSimpleName()
              + "): "
              + oneLine(e.getMessage()));
    }
  }

  private ObjectNode lint(@Nullable JsonNode id, JsonNode request) throws BridgeRequestException {
    long start = System.nanoTime();
    JsonNode d = request.get("draft");
    if (d == null || !d.isObject()) {
      throw new BridgeRequestException("bad-request", "a lint request needs a \"draft\" object");
    }
    checkKeys(d, "draft", DRAFT_KEYS);
    SenderProfile override = profile(request.get("profile"));
    Integer failUnder = null;
    JsonNode fu = request.get("failUnder");
    if (fu != null && !fu.isNull()) {
      if (!fu.isIntegralNumber() || fu.asLong() < 0 || fu.asLong() > 100) {
        throw new BridgeRequestException(
            "bad-request", "\"failUnder\" must be a whole number from 0 to 100");
      }
      failUnder = fu.intValue();
    }

    List<String> to = recipients(d.get("to"), "to");
    List<String> cc = recipients(d.get("cc"), "cc");
    String subject = string(d.get("subject"), "subject");
    boolean plain = bool(d.get("isPlainText"), "isPlainText");
    String plainBody = string(d.get("plainTextBody"), "plainTextBody");
    String htmlBody = string(d.get("body"), "body");
    List<String> attachments = attachments(d.get("attachments"));
    // Thunderbird fills "body" with HTML even for plain-text drafts: isPlainText decides.
    boolean useHtml = !plain && (d.hasNonNull("body") || !d.hasNonNull("plainTextBody"));
    String body = useHtml ? htmlBody : plainBody;
    if (body.length() > Drafts.MAX_BYTES) {
      throw new BridgeRequestException(
          "bad-request",
          "the draft is too large to check (over " + Drafts.MAX_BYTES / (1024 * 1024) + " MB)");
    }

    LinterSource.Configured configured;
    try {
      configured = linters.linter(override);
    } catch (ConfigException e) {
      throw new BridgeRequestException("config", oneLine(e.getMessage()));
    }
    ThreadSource.Found thread = thread(configured, to);
    // The thread's timing rules count days from now: a scorecard that used the thread is kept for
    // one day at most.
    String threadKey = thread == null ? "-" : thread.context() + "@" + LocalDate.now(clock);
    String key =
        key(
            configured.generation(),
            override,
            threadKey,
            to,
            cc,
            subject,
            useHtml,
            body,
            attachments);
    boolean[] computed = {false};
    Scorecard card =
        cards.get(
            key,
            k -> {
              computed[0] = true;
              Draft.Builder b = Drafts.builder().source("compose window").subject(subject);
              to.forEach(b::to);
              cc.forEach(b::cc);
              for (String name : attachments) {
                b.attachment(new Attachment(name, contentType(name), -1));
              }
              if (useHtml) {
                b.html(body);
              } else {
                b.plainText(body);
              }
              return configured.linter().lint(b.build(), thread == null ? null : thread.context());
            });
    int threshold = failUnder != null ? failUnder : configured.failUnder();
    ObjectNode r = reply(id, "scorecard");
    try {
      // The scorecard's one JSON form, the same as `rapport lint --format json` writes.
      r.set("scorecard", json.readTree(ScorecardJson.toJson(card, threshold)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the scorecard's own JSON does not parse", e);
    }
    r.put("failUnder", threshold);
    r.set("thread", threadNode(thread));
    r.put("cached", !computed[0]);
    r.put("micros", (System.nanoTime() - start) / 1000);
    return r;
  }

  /**
   * Starts a background refresh of the mailboxes if one is due, and returns what the latest
   * snapshots say about the first {@code To:} recipient; never waits on the network.
   */
  private ThreadSource.@Nullable Found thread(LinterSource.Configured configured, List<String> to) {
    if (threads == null || configured.accounts().isEmpty()) {
      return null;
    }
    threads.refresh(configured.accounts());
    List<Address> addresses = new ArrayList<>();
    to.forEach(list -> addresses.addAll(Address.parseList(list)));
    return addresses.isEmpty()
        ? null
        : threads.lookup(configured.accounts(), addresses.get(0).email());
  }

  /** The answer's {@code thread}: {@code null} when no mailbox was consulted. */
  private static JsonNode threadNode(ThreadSource.@Nullable Found found) {
    if (found == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    ThreadContext c = found.context();
    ObjectNode t = JsonNodeFactory.instance.objectNode();
    t.put("known", !c.firstContact());
    t.put("firstContact", c.firstContact());
    t.put("unanswered", c.unansweredMessages());
    t.put("lastSent", c.lastSent() == null ? null : c.lastSent().toString());
    t.put("lastReceived", c.lastReceived() == null ? null : c.lastReceived().toString());
    t.put("account", found.account());
    t.put("syncedAt", found.syncedAt().toString());
    return t;
  }

  private static @Nullable SenderProfile profile(@Nullable JsonNode p)
      throws BridgeRequestException {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      throw new BridgeRequestException("bad-request", "\"profile\" must be an object");
    }
    checkKeys(p, "profile", SenderProfiles.KEYS);
    try {
      return SenderProfiles.read(k -> string(p.get(k), "profile." + k));
    } catch (IllegalArgumentException e) {
      throw new BridgeRequestException("bad-request", "profile.visa: " + e.getMessage());
    }
  }

  private static void checkKeys(JsonNode o, String what, Set<String> allowed)
      throws BridgeRequestException {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new BridgeRequestException("bad-request", "unknown field " + what + "." + clip(k));
      }
    }
  }

  private static String string(@Nullable JsonNode n, String field) throws BridgeRequestException {
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw new BridgeRequestException("bad-request", "\"" + field + "\" must be a string");
    }
    return n.textValue();
  }

  private static boolean bool(@Nullable JsonNode n, String field) throws BridgeRequestException {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new BridgeRequestException("bad-request", "\"" + field + "\" must be true or false");
    }
    return n.booleanValue();
  }

  /**
   * A compose window's recipient list: one string, or an array of strings such as {@code "Dr. Ana
   * Ruiz <ana@example.edu>"}.
   */
  private static List<String> recipients(@Nullable JsonNode n, String field)
      throws BridgeRequestException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      out.add(n.textValue());
      return out;
    }
    if (!n.isArray()) {
      throw new BridgeRequestException(
          "bad-request", "\"" + field + "\" must be a string or an array of strings");
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new BridgeRequestException(
            "bad-request", "\"" + field + "\" must be a string or an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static List<String> attachments(@Nullable JsonNode n) throws BridgeRequestException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new BridgeRequestException(
          "bad-request", "\"attachments\" must be an array of file names");
    }
    for (JsonNode e : n) {
      JsonNode name = e.isObject() ? e.get("name") : e;
      if (name == null || !name.isTextual()) {
        throw new BridgeRequestException(
            "bad-request", "\"attachments\" must be an array of file names");
      }
      out.add(name.textValue().isBlank() ? "(unnamed)" : name.textValue());
    }
    return out;
  }

  private static String contentType(String name) {
    String t = URLConnection.getFileNameMap().getContentTypeFor(name);
    return t != null ? t : "application/octet-stream";
  }

  /**
   * A digest of everything the scorecard depends on: unambiguous, as each part carries its length.
   */
  private static String key(
      long generation,
      @Nullable SenderProfile profile,
      String thread,
      List<String> to,
      List<String> cc,
      String subject,
      boolean html,
      String body,
      List<String> attachments) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    List<String> parts = new ArrayList<>();
    parts.add(Long.toString(generation));
    parts.add(String.valueOf(profile));
    parts.add(thread);
    parts.add(Integer.toString(to.size()));
    parts.addAll(to);
    parts.add(Integer.toString(cc.size()));
    parts.addAll(cc);
    parts.add(subject);
    parts.add(html ? "html" : "text");
    parts.add(body);
    parts.add(Integer.toString(attachments.size()));
    parts.addAll(attachments);
    for (String p : parts) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) ':');
      sha.update(b);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static ObjectNode reply(@Nullable JsonNode id, String type) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    if (id == null) {
      r.putNull("id");
    } else {
      r.set("id", id);
    }
    r.put("type", type);
    return r;
  }

  static ObjectNode error(@Nullable JsonNode id, String code, String message) {
    return reply(id, "error").put("code", code).put("error", oneLine(message));
  }

  static String oneLine(@Nullable String s) {
    return Text.oneLine(s, 300, "(no detail)");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
