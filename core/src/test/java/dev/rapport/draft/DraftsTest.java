package dev.rapport.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftsTest {

  private static Draft eml(String s) throws DraftException {
    return Drafts.parse(s.getBytes(StandardCharsets.UTF_8), "t.eml", DraftFormat.EML);
  }

  private static String text(Draft d, Segment s) {
    return d.text().substring(s.start(), s.end());
  }

  private static String only(Draft d, SegmentKind kind) {
    List<Segment> segs = d.segments(kind);
    assertEquals(1, segs.size(), kind + " segments in " + d.segments());
    return text(d, segs.get(0));
  }

  @Test
  void plainTextSplitsGreetingBodyClosingAndSignature() {
    Draft d =
        Drafts.parseText(
            "Dear Dr. Okafor,\n\nI am a final-year student.\n\nWould you have 15 minutes?\n\nKind regards,\nAmina Bello\nUniversity of Ibadan\n");
    assertEquals("Dear Dr. Okafor,", only(d, SegmentKind.GREETING));
    assertEquals(
        "I am a final-year student.\n\nWould you have 15 minutes?", only(d, SegmentKind.BODY));
    assertEquals("Kind regards,", only(d, SegmentKind.CLOSING));
    assertEquals("Amina Bello\nUniversity of Ibadan", only(d, SegmentKind.SIGNATURE));
  }

  @Test
  void greetingOnTheSameLineAsTheBodyIsSplitAtTheComma() {
    Draft d = Drafts.parseText("Hi Dr. Chen, I enjoyed your talk on amputee gait.\n\nBest,\nLi");
    assertEquals("Hi Dr. Chen,", only(d, SegmentKind.GREETING));
    assertEquals("I enjoyed your talk on amputee gait.", only(d, SegmentKind.BODY));
  }

  @Test
  void quotedReplyWithAttributionAndDashDashSignatureAreNotNewText() {
    Draft d =
        Drafts.parseText(
            "Dear Dr. Patel,\n\nThank you for the advice.\n\nBest regards,\nJuan\n-- \nJuan Pérez, MD\n\n"
                + "On Tue, Mar 3, 2026 at 10:02 AM Priya Patel <pp@example.edu>\nwrote:\n> Happy to help.\n> Priya\n");
    assertEquals("Thank you for the advice.", only(d, SegmentKind.BODY));
    String quote = only(d, SegmentKind.QUOTE);
    assertTrue(quote.startsWith("On Tue, Mar 3"), quote);
    assertTrue(quote.endsWith("> Priya"), quote);
    assertTrue(only(d, SegmentKind.SIGNATURE).contains("Juan Pérez, MD"));
  }

  @Test
  void outlookReplyHeaderStartsTheQuote() {
    Draft d =
        Drafts.parseText(
            "Dear Dr. Smith,\n\nThank you.\n\nRegards,\nOmar\n\n________________________________\nFrom: John Smith <js@example.edu>\n"
                + "Sent: Monday, March 2, 2026 9:00 AM\nTo: Omar <o@example.org>\nSubject: RE: Question\n\nSure, call me.\n");
    assertTrue(only(d, SegmentKind.QUOTE).startsWith("________"));
    assertTrue(only(d, SegmentKind.QUOTE).endsWith("Sure, call me."));
  }

  @Test
  void forwardedMessageIsNotNewText() {
    Draft d =
        Drafts.parseText(
            "Hi Sam,\n\nSee below.\n\n---------- Forwarded message ---------\nFrom: X\n\nOld text\n");
    assertTrue(only(d, SegmentKind.FORWARD).endsWith("Old text"));
    assertEquals("See below.", only(d, SegmentKind.BODY));
  }

  @Test
  void thunderbirdHtmlReplyKnowsQuoteAndSignatureFromMarkup() {
    String html =
        "<html><body><p>Dear Dr. Rossi,</p><p>Thank you for your reply.<br>I will send the abstract on Friday.</p>"
            + "<p>Best regards,</p><div class=\"moz-signature\">-- <br>Elena Petrova</div>"
            + "<div class=\"moz-cite-prefix\">On 3/2/26 9:00 AM, Marco Rossi wrote:<br></div>"
            + "<blockquote type=\"cite\"><p>Could you send the abstract?</p></blockquote>"
            + "<script>alert('x')</script></body></html>";
    Draft d = Drafts.parseHtml(html);
    assertEquals("Dear Dr. Rossi,", only(d, SegmentKind.GREETING));
    assertEquals(
        "Thank you for your reply.\nI will send the abstract on Friday.",
        only(d, SegmentKind.BODY));
    assertEquals("Best regards,", only(d, SegmentKind.CLOSING));
    assertTrue(only(d, SegmentKind.QUOTE).contains("Could you send the abstract?"));
    assertFalse(d.text().contains("alert"));
  }

  @Test
  void gmailQuoteIsRecognized() {
    String html =
        "<div dir=\"ltr\">Hello Dr. Kim,<div><br></div><div>Thanks again.</div></div><br>"
            + "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Kim wrote:<br></div>"
            + "<blockquote class=\"gmail_quote\">Sure.</blockquote></div>";
    Draft d = Drafts.parseHtml(html);
    assertEquals("Thanks again.", only(d, SegmentKind.BODY));
    assertTrue(only(d, SegmentKind.QUOTE).contains("Sure."));
  }

  @Test
  void emlHeadersAreDecodedAndFindingsMapToFileLines() throws Exception {
    Draft d =
        eml(
            "From: Amina <a@example.org>\nTo: =?UTF-8?Q?Dr=2E_Jos=C3=A9_Mu=C3=B1oz?= <JMunoz@Example.EDU>\n"
                + "Subject: =?UTF-8?B?UXVlc3Rpb24gYWJvdXQgcmVoYWI=?=\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "Dear Dr. Muñoz,\n\nI read your paper.\n");
    assertEquals("Question about rehab", d.subject());
    assertEquals("Dr. José Muñoz", d.to().get(0).name());
    assertEquals("jmunoz@example.edu", d.to().get(0).email());
    int at = d.text().indexOf("I read");
    assertEquals(new SourcePosition(8, 1), d.position(at));
    int n = d.text().indexOf("oz,");
    assertEquals(new SourcePosition(6, 13), d.position(n), "columns count characters, not bytes");
    assertEquals(new SourcePosition(3, 10), d.subjectPosition());
  }

  @Test
  void quotedPrintableBodyMapsBackThroughSoftLineBreaks() throws Exception {
    Draft d =
        eml(
            "To: x@example.edu\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nDear Dr. Garc=C3=ADa,\n\nThis is a long line that =\nwraps here.\n");
    assertEquals("Dear Dr. García,\n\nThis is a long line that wraps here.\n", d.text());
    assertEquals(new SourcePosition(10, 1), d.position(d.text().indexOf("wraps")));
    assertEquals(
        new SourcePosition(7, 21),
        d.position(d.text().indexOf(",")),
        "the column of the encoded file");
  }

  @Test
  void multipartAlternativePrefersPlainTextAndListsAttachments() throws Exception {
    String m =
        "To: a@example.edu\nSubject: CV\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n"
            + "--XX\nContent-Type: multipart/alternative; boundary=YY\n\n"
            + "--YY\nContent-Type: text/plain; charset=us-ascii\n\nPlain body here.\n"
            + "--YY\nContent-Type: text/html\n\n<p>HTML body here.</p>\n--YY--\n"
            + "--XX\nContent-Type: application/pdf; name=\"=?UTF-8?Q?CV_Jos=C3=A9.pdf?=\"\n"
            + "Content-Disposition: attachment; filename=\"=?UTF-8?Q?CV_Jos=C3=A9.pdf?=\"\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--XX--\n";
    Draft d = eml(m);
    assertEquals(
        "Plain body here.", d.text(), "the line break before a boundary belongs to the boundary");
    assertEquals(1, d.attachments().size());
    assertEquals("CV José.pdf", d.attachments().get(0).name());
    assertEquals("application/pdf", d.attachments().get(0).contentType());
    assertEquals(new SourcePosition(12, 1), d.position(0));
  }

  @Test
  void base64HtmlBodyIsReadThroughAngus() throws Exception {
    String html =
        java.util.Base64.getMimeEncoder()
            .encodeToString(
                "<p>Dear Dr. Lee,</p><p>Hello there.</p>".getBytes(StandardCharsets.UTF_8));
    Draft d =
        eml(
            "To: l@example.edu\nSubject: x\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                + html
                + "\n");
    assertEquals("Dear Dr. Lee,\n\nHello there.", d.text());
    assertEquals("Dear Dr. Lee,", only(d, SegmentKind.GREETING));
  }

  @Test
  void rawUtf8HeadersAreReadAsUtf8() throws Exception {
    Draft d =
        eml(
            "To: José Muñoz <jm@example.edu>\nSubject: Café and rehab\nContent-Type: text/plain; charset=utf-8\n\nHola\n");
    assertEquals("Café and rehab", d.subject());
    assertEquals("José Muñoz", d.to().get(0).name());
  }

  @Test
  void dateHeaderIsReadAndGarbageDatesAreIgnored() throws Exception {
    Draft d = eml("To: a@example.edu\nSubject: s\nDate: Tue, 3 Mar 2026 10:02:00 +0100\n\nHi\n");
    assertEquals(java.time.Instant.parse("2026-03-03T09:02:00Z"), d.date().orElseThrow());
    assertTrue(eml("To: a@example.edu\nDate: the day after tomorrow\n\nHi\n").date().isEmpty());
  }

  @Test
  void contentIsSniffedWithoutAnExtension() throws Exception {
    assertEquals(
        DraftFormat.EML,
        Drafts.parse("To: a@b.org\nSubject: s\n\nHi".getBytes(StandardCharsets.UTF_8), "-", null)
            .format());
    assertEquals(
        DraftFormat.HTML,
        Drafts.parse("<p>Hi</p>".getBytes(StandardCharsets.UTF_8), "-", null).format());
    assertEquals(
        DraftFormat.TEXT,
        Drafts.parse("Dear Dr. X: hello".getBytes(StandardCharsets.UTF_8), "-", null).format());
  }

  @Test
  void binaryInputIsRefusedWithAOneLineMessage() {
    DraftException e =
        assertThrows(
            DraftException.class,
            () -> Drafts.parse(new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2}, "x.zip", null));
    assertTrue(e.getMessage().startsWith("binary data"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void windows1252TextIsReadWhenItIsNotUtf8() throws Exception {
    byte[] b = "Dear Dr. Mu\u00f1oz,".getBytes(java.nio.charset.Charset.forName("windows-1252"));
    assertEquals("Dear Dr. Muñoz,", Drafts.parse(b, "x.txt", DraftFormat.TEXT).text());
  }

  @Test
  void crlfInputMapsToTheRightLines() {
    Draft d = Drafts.parseText("Dear Dr. A,\r\n\r\nLine three.\r\n");
    assertEquals("Dear Dr. A,\n\nLine three.\n", d.text());
    assertEquals(new SourcePosition(3, 1), d.position(d.text().indexOf("Line")));
  }

  @Test
  void aTitleAndNameAloneOnTheFirstLineIsAGreeting() {
    Draft d =
        Drafts.parseText(
            "Dr. Qureshi,\n\nI am a graduate of Aga Khan University.\n\nRegards,\nBilal");
    assertEquals("Dr. Qureshi,", only(d, SegmentKind.GREETING));
    assertEquals("I am a graduate of Aga Khan University.", only(d, SegmentKind.BODY));
    Draft sameLine = Drafts.parseText("Professor Wróbel: thank you for the talk.\n\nBest,\nAnna");
    assertEquals("Professor Wróbel:", only(sameLine, SegmentKind.GREETING));
    Draft sentence = Drafts.parseText("Dr. Smith told me about your program.\n\nBest,\nAnna");
    assertTrue(sentence.greeting().isEmpty(), "a sentence about a doctor is not a greeting");
  }

  @Test
  void rawUtf8LastCommaFirstNamesAndSeveralRecipientsAreRead() throws Exception {
    Draft d =
        eml(
            "To: \"Wróbel, Łukasz\" <lw@example.edu>, José Muñoz <jm@example.edu>\nSubject: Spasticità\n\nDear Dr. Wróbel,\n");
    assertEquals("Wróbel, Łukasz", d.to().get(0).name());
    assertEquals("José Muñoz", d.to().get(1).name());
    assertEquals("Spasticità", d.subject());
  }
}
