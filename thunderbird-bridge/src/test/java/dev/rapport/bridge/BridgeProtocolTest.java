package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.config.RapportConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's side of native messaging, over real byte streams. */
class BridgeProtocolTest {

  @TempDir Path tmp;

  private BridgeHost host(int maxRequest) {
    LinterSource linters = new LinterSource(tmp.resolve("rapport.toml"), RapportConfig::empty);
    return new BridgeHost(
        new RequestHandler(linters, 64, "test"),
        maxRequest,
        FrameWriter.MAX_REPLY_BYTES,
        BridgeLog.silent());
  }

  private static boolean hasError(JsonNode card, String rule) {
    for (JsonNode f : card.get("findings")) {
      if (f.get("rule").asText().equals(rule) && f.get("severity").asText().equals("error")) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyError(JsonNode card) {
    for (JsonNode f : card.get("findings")) {
      if (f.get("severity").asText().equals("error")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void pingIsAnsweredWithPongAndTheProtocolVersion() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send("{\"id\":7,\"type\":\"ping\"}");
      JsonNode r = h.receive();
      assertEquals("pong", r.get("type").asText());
      assertEquals(7, r.get("id").asInt());
      assertEquals(RequestHandler.PROTOCOL, r.get("protocol").asInt());
      assertEquals(0, h.closeInput());
    }
  }

  @Test
  void unfilledPlaceholderIsAnErrorInTheScorecard() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send(HostHarness.lint(1, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.PLACEHOLDER));
      JsonNode r = h.receive();
      assertEquals("scorecard", r.get("type").asText(), r.toString());
      JsonNode card = r.get("scorecard");
      assertTrue(hasError(card, "UNFILLED_PLACEHOLDER"), card.toString());
      assertFalse(card.get("passed").asBoolean());
      for (String key : List.of("brevity", "specificity", "personalization", "visaTransparency")) {
        assertTrue(card.get("dimensions").get(key).isInt(), key);
      }
      JsonNode f = card.get("findings").get(0);
      for (String key :
          List.of(
              "rule",
              "severity",
              "dimension",
              "line",
              "column",
              "offset",
              "length",
              "message",
              "suggestion")) {
        assertTrue(f.has(key), key + " in " + f);
      }
    }
  }

  @Test
  void goodPlainDraftHasNoErrorFinding() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send(HostHarness.lint(1, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD));
      JsonNode card = h.receive().get("scorecard");
      assertFalse(anyError(card), card.toString());
      assertTrue(card.get("passed").asBoolean());
    }
  }

  @Test
  void plainTextBodyIsReadWhenTheDraftIsPlainTextAndTheHtmlBodyOtherwise() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      var r = HostHarness.JSON.createObjectNode().put("id", 1).put("type", "lint");
      var d = r.putObject("draft");
      d.put("to", SampleDrafts.TO).put("subject", SampleDrafts.SUBJECT);
      d.put("plainTextBody", SampleDrafts.GOOD);
      d.put("body", "<p>" + SampleDrafts.PLACEHOLDER.replace("\n", "<br>") + "</p>");
      d.put("isPlainText", true);
      h.send(r.toString());
      assertFalse(hasError(h.receive().get("scorecard"), "UNFILLED_PLACEHOLDER"));
      d.put("isPlainText", false);
      r.put("id", 2);
      h.send(r.toString());
      JsonNode second = h.receive();
      assertEquals(2, second.get("id").asInt());
      assertTrue(hasError(second.get("scorecard"), "UNFILLED_PLACEHOLDER"));
    }
  }

  @Test
  void manyRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      for (int i = 0; i < 60; i++) {
        if (i % 3 == 0) {
          h.send("{\"id\":" + i + ",\"type\":\"ping\"}");
        } else {
          String body = (i % 2 == 0 ? SampleDrafts.GOOD : SampleDrafts.PLACEHOLDER) + "\nP.S. " + i;
          h.send(HostHarness.lint(i, SampleDrafts.TO, SampleDrafts.SUBJECT, body));
        }
        JsonNode r = h.receive();
        assertEquals(i, r.get("id").asInt());
        assertEquals(i % 3 == 0 ? "pong" : "scorecard", r.get("type").asText());
        if (i % 3 != 0) {
          assertEquals(
              i % 2 != 0, hasError(r.get("scorecard"), "UNFILLED_PLACEHOLDER"), "request " + i);
        }
      }
      assertEquals(0, h.closeInput());
    }
  }

  @Test
  void anUnchangedDraftIsAnsweredFromTheCache() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send(HostHarness.lint(1, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.PLACEHOLDER));
      JsonNode first = h.receive();
      h.send(HostHarness.lint(2, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.PLACEHOLDER));
      JsonNode second = h.receive();
      h.send(
          HostHarness.lint(
              3, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.PLACEHOLDER + "!"));
      JsonNode third = h.receive();
      assertFalse(first.get("cached").asBoolean());
      assertTrue(second.get("cached").asBoolean());
      assertEquals(first.get("scorecard"), second.get("scorecard"));
      assertFalse(third.get("cached").asBoolean());
    }
  }

  @Test
  void anOversizedFrameGetsAnErrorAndTheNextFrameIsServed() throws Exception {
    try (HostHarness h = new HostHarness(host(1024))) {
      byte[] big =
          ("{\"id\":1,\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      h.sendRaw(HostHarness.frame(big));
      JsonNode r = h.receive();
      assertEquals("error", r.get("type").asText());
      assertEquals("too-large", r.get("code").asText());
      h.send("{\"id\":2,\"type\":\"ping\"}");
      assertEquals("pong", h.receive().get("type").asText());
      assertEquals(0, h.closeInput());
    }
  }

  @Test
  void brokenJsonGetsAnErrorReplyAndTheHostGoesOn() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      List<String> broken =
          List.of(
              "{\"id\":1,\"type\":",
              "[1,2,3]",
              "\"just a string\"",
              "",
              "{\"type\":\"lint\",\"draft\":{\"to\":42}}",
              "{\"id\":{\"x\":1},\"type\":\"ping\"}",
              "{\"type\":\"lint\",\"draft\":{},\"failUnder\":101}",
              "{\"type\":\"lint\",\"draft\":{},\"profile\":{\"visa\":\"Q-9\"}}",
              "{\"type\":\"lint\",\"draft\":{\"secret\":1}}");
      for (String b : broken) {
        h.send(b);
        JsonNode r = h.receive();
        assertEquals("error", r.get("type").asText(), b);
        assertFalse(r.get("error").asText().isBlank());
        assertFalse(r.get("error").asText().contains("\n"));
      }
      h.sendRaw(HostHarness.frame(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
      assertEquals("bad-json", h.receive().get("code").asText());
      h.send("{\"id\":9,\"type\":\"ping\"}");
      assertEquals("pong", h.receive().get("type").asText());
    }
  }

  @Test
  void aFrameWithTrailingBytesOrARepeatedKeyIsRefusedNotHalfRead() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      for (String b :
          List.of(
              "{\"id\":1,\"type\":\"ping\"} xyz",
              "{\"id\":1,\"type\":\"ping\"}{}",
              "{\"id\":1,\"type\":\"ping\"} 1",
              "{\"id\":1,\"type\":\"lint\",\"type\":\"ping\"}")) {
        h.send(b);
        JsonNode r = h.receive();
        assertEquals("error", r.get("type").asText(), b);
        assertEquals("bad-json", r.get("code").asText(), b);
        assertFalse(r.get("error").asText().contains("\n"));
      }
      h.send("{\"id\":2,\"type\":\"ping\"}  \n");
      assertEquals("pong", h.receive().get("type").asText());
    }
  }

  @Test
  void anUnknownRequestTypeIsAnsweredWithItsId() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send("{\"id\":\"abc\",\"type\":\"format-my-disk\"}");
      JsonNode r = h.receive();
      assertEquals("abc", r.get("id").asText());
      assertEquals("unknown-type", r.get("code").asText());
    }
  }

  @Test
  void inputClosedInsideAHeaderEndsTheHostAfterAnsweringWhatCameBefore() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(HostHarness.frame("{\"id\":1,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
    in.write(new byte[] {5, 0});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        host(BridgeHost.MAX_REQUEST_BYTES).serve(new ByteArrayInputStream(in.toByteArray()), out);
    assertEquals(1, code);
    assertEquals(List.of("pong"), replyTypes(out.toByteArray()));
  }

  @Test
  void inputClosedInsideAPayloadEndsTheHostWithoutAReply() throws Exception {
    byte[] whole =
        HostHarness.frame("{\"id\":1,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    byte[] torn = java.util.Arrays.copyOf(whole, whole.length - 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(1, host(BridgeHost.MAX_REQUEST_BYTES).serve(new ByteArrayInputStream(torn), out));
    assertEquals(0, out.size());
    // An oversized frame cut short is skipped, then the end is seen: no reply, no hang.
    byte[] header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1_000_000).array();
    assertEquals(1, host(1024).serve(new ByteArrayInputStream(header), out));
    assertEquals(0, out.size());
  }

  @Test
  void emptyInputIsACleanEnd() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(
        0, host(BridgeHost.MAX_REQUEST_BYTES).serve(new ByteArrayInputStream(new byte[0]), out));
    assertEquals(0, out.size());
  }

  @Test
  void anInvalidConfigurationIsReportedAsAConfigError() throws Exception {
    Files.writeString(tmp.resolve("rapport.toml"), "[profile]\nvisa = \"Q-9\"\n");
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      h.send(HostHarness.lint(4, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD));
      JsonNode r = h.receive();
      assertEquals("config", r.get("code").asText(), r.toString());
      assertTrue(r.get("error").asText().contains("profile.visa"), r.toString());
      // Fixing the file needs no restart.
      Files.writeString(tmp.resolve("rapport.toml"), "[profile]\nvisa = \"J-1\"\n");
      Files.setLastModifiedTime(
          tmp.resolve("rapport.toml"),
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
      h.send(HostHarness.lint(5, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD));
      assertEquals("scorecard", h.receive().get("type").asText());
    }
  }

  @Test
  void theThresholdFromTheOptionsPageDecidesPassed() throws Exception {
    try (HostHarness h = new HostHarness(host(BridgeHost.MAX_REQUEST_BYTES))) {
      var r =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              HostHarness.JSON.readTree(
                  HostHarness.lint(1, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD));
      r.put("failUnder", 100);
      h.send(r.toString());
      JsonNode strict = h.receive();
      int overall = strict.get("scorecard").get("overall").asInt();
      assertEquals(100, strict.get("failUnder").asInt());
      assertEquals(overall >= 100, strict.get("scorecard").get("passed").asBoolean());
      r.put("failUnder", 0).put("id", 2);
      h.send(r.toString());
      assertTrue(h.receive().get("scorecard").get("passed").asBoolean());
    }
  }

  private static List<String> replyTypes(byte[] out) throws Exception {
    List<String> types = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
    while (b.remaining() >= 4) {
      int n = b.getInt();
      byte[] payload = new byte[n];
      b.get(payload);
      types.add(HostHarness.JSON.readTree(payload).get("type").asText());
    }
    assertEquals(0, b.remaining());
    return types;
  }
}
