package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RepliesTest {

  private static ObjectNode scorecardReply(int findings, int messageLength) {
    ObjectNode r =
        RequestHandler.reply(HostHarness.JSON.getNodeFactory().numberNode(3), "scorecard");
    ObjectNode card = r.putObject("scorecard");
    card.put("overall", 10);
    ArrayNode fs = card.putArray("findings");
    for (int i = 0; i < findings; i++) {
      fs.addObject()
          .put("rule", "R" + i)
          .put("severity", "warning")
          .put("message", "m".repeat(messageLength));
    }
    return r;
  }

  @Test
  void aReplyWithTooManyFindingsKeepsTheFirstOnesAndSaysHowManyWereLeftOut() throws Exception {
    ObjectNode huge = scorecardReply(5000, 400); // about 2 MB
    byte[] b = Replies.encode(huge, FrameWriter.MAX_REPLY_BYTES);
    assertTrue(b.length <= FrameWriter.MAX_REPLY_BYTES, "reply of " + b.length + " bytes");
    JsonNode r = HostHarness.JSON.readTree(b);
    int kept = r.get("scorecard").get("findings").size();
    int omitted = r.get("scorecard").get("findingsOmitted").asInt();
    assertEquals(5000, kept + omitted);
    assertTrue(kept > 1000 && omitted > 0, kept + " kept");
    assertEquals("R0", r.get("scorecard").get("findings").get(0).get("rule").asText());
    assertEquals(3, r.get("id").asInt());
    assertTrue(r.get("note").asText().contains("left out"));
  }

  @Test
  void aReplyThatFitsIsSentAsItIs() throws Exception {
    ObjectNode small = scorecardReply(3, 20);
    assertEquals(
        small, HostHarness.JSON.readTree(Replies.encode(small, FrameWriter.MAX_REPLY_BYTES)));
  }

  @Test
  void aReplyThatCannotBeShortenedBecomesAnError() throws Exception {
    ObjectNode r = RequestHandler.reply(null, "pong").put("version", "v".repeat(5000));
    JsonNode e = HostHarness.JSON.readTree(Replies.encode(r, 1000));
    assertEquals("too-large", e.get("code").asText());
  }
}
