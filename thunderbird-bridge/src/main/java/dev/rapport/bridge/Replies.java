package dev.rapport.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Encodes replies so they fit Thunderbird's limit on host-to-add-on messages: a scorecard with more
 * findings than fit keeps as many as fit, in order, and says how many were left out. Thread-safe.
 */
final class Replies {
  private Replies() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Returns the reply's UTF-8 JSON, at most {@code max} bytes. */
  static byte[] encode(ObjectNode reply, int max) {
    byte[] b = bytes(reply);
    if (b.length <= max) {
      return b;
    }
    JsonNode card = reply.get("scorecard");
    if (card instanceof ObjectNode && card.get("findings") instanceof ArrayNode) {
      ArrayNode all = ((ArrayNode) card.get("findings")).deepCopy();
      int lo = 0;
      int hi = all.size();
      byte[] best = null;
      // Largest k such that the reply with the first k findings fits.
      while (lo <= hi) {
        int k = (lo + hi) >>> 1;
        byte[] attempt = bytes(withFirst(reply, all, k));
        if (attempt.length <= max) {
          best = attempt;
          lo = k + 1;
        } else {
          hi = k - 1;
        }
      }
      if (best != null) {
        return best;
      }
    }
    ObjectNode err =
        RequestHandler.error(
            reply.get("id"), "too-large", "the answer was too large to send to Thunderbird");
    return bytes(err);
  }

  private static ObjectNode withFirst(ObjectNode reply, ArrayNode all, int k) {
    ObjectNode r = reply.deepCopy();
    ObjectNode card = (ObjectNode) r.get("scorecard");
    ArrayNode kept = card.putArray("findings");
    for (int i = 0; i < k; i++) {
      kept.add(all.get(i));
    }
    card.put("findingsOmitted", all.size() - k);
    r.put(
        "note",
        (all.size() - k)
            + " of "
            + all.size()
            + " findings were left out to fit Thunderbird's message limit");
    return r;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
