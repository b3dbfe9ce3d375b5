package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadsTest {

  private static final String T = "2026-01-05T10:00:00Z";

  private static List<String> ids(List<MessageSummary> ms) {
    return ms.stream().map(MessageSummary::messageId).toList();
  }

  @Test
  void aReplyInInboxThreadsWithTheMessageInSent() {
    MessageSummary out = Mail.sent(T, "lee@uni.edu", "a@me").build();
    MessageSummary back = Mail.from(T, "lee@uni.edu", "b@uni").replyTo("a@me").build();
    Threads t = Threads.of(List.of(back, out));
    assertEquals(List.of("a@me"), ids(t.ancestors(back)));
    assertEquals("a@me", t.rootId(back));
  }

  @Test
  void aMissingMiddleMessageIsSkippedNotFatal() {
    MessageSummary root = Mail.sent(T, "lee@uni.edu", "a@me").build();
    MessageSummary third = Mail.from(T, "lee@uni.edu", "c@uni").replyTo("a@me", "b@gone").build();
    Threads t = Threads.of(List.of(root, third));
    assertEquals(List.of("a@me"), ids(t.ancestors(third)));
  }

  @Test
  void onlyInReplyToIsEnough() {
    MessageSummary root = Mail.sent(T, "lee@uni.edu", "a@me").build();
    MessageSummary reply =
        Mail.from(T, "lee@uni.edu", "b@uni").header("In-Reply-To", "<a@me>").build();
    assertEquals(List.of("a@me"), ids(Threads.of(List.of(root, reply)).ancestors(reply)));
  }

  @Test
  @Timeout(5)
  void loopingReferencesDoNotHang() {
    MessageSummary a = Mail.from(T, "x@uni.edu", "a@x").replyTo("b@x").build();
    MessageSummary b = Mail.from(T, "y@uni.edu", "b@x").replyTo("a@x").build();
    MessageSummary c = Mail.from(T, "z@uni.edu", "c@x").replyTo("a@x", "b@x", "a@x").build();
    Threads t = Threads.of(List.of(a, b, c));
    assertTrue(t.ancestors(a).size() <= 1);
    assertTrue(t.ancestors(b).size() <= 1);
    t.rootId(a);
    t.rootId(c);
    assertTrue(ids(t.ancestors(c)).size() <= 2);
  }

  @Test
  void duplicatedIdsKeepTheFirstCopy() {
    MessageSummary one = Mail.from(T, "x@uni.edu", "same@x").subject("first").build();
    MessageSummary two = Mail.from(T, "x@uni.edu", "same@x").subject("second").build();
    MessageSummary reply = Mail.sent(T, "x@uni.edu", "r@me").replyTo("same@x").build();
    Threads t = Threads.of(List.of(one, two, reply));
    assertEquals("first", t.ancestors(reply).get(0).subject());
  }

  @Test
  @Timeout(10)
  void fiveThousandReferencesPerMessageAreThreaded() {
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      refs.append(" <r").append(i).append("@x>");
    }
    List<MessageSummary> many = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(
          MessageSummary.parse(
              "INBOX",
              FolderRole.INBOX,
              i,
              Instant.EPOCH,
              "Message-ID: <m" + i + "@x>\r\nReferences:" + refs + " <m" + (i + 1) + "@x>\r\n"));
    }
    Threads t = Threads.of(many);
    assertEquals(199, t.ancestors(many.get(0)).size());
    assertEquals("m1@x", t.ancestors(many.get(0)).get(0).messageId());
  }

  @Test
  void messagesWithoutIdsStillFindTheirParents() {
    MessageSummary root = Mail.sent(T, "lee@uni.edu", "a@me").build();
    MessageSummary noId =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            99,
            Instant.parse(T),
            "From: lee@uni.edu\r\nIn-Reply-To: <a@me>\r\n");
    assertEquals(List.of("a@me"), ids(Threads.of(List.of(root, noId)).ancestors(noId)));
  }
}
