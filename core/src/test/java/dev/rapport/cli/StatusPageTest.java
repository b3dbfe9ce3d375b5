package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rapport.lint.AskDetector;
import dev.rapport.track.Contact;
import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.Correspondence;
import dev.rapport.track.FolderRole;
import dev.rapport.track.FollowUpPolicy;
import dev.rapport.track.MessageSummary;
import dev.rapport.track.TrackingThresholds;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport status --format html}: the page's structure, its escaping, and that it needs no
 * network.
 */
class StatusPageTest {

  private static final String ME = "amara@example.org";
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private int uid;
  private final List<MessageSummary> mail = new ArrayList<>();

  private void sent(String to, String when, String id, String subject, String... parent) {
    mail.add(
        summary(
            "Sent",
            FolderRole.SENT,
            "From: "
                + ME
                + "\nTo: "
                + to
                + "\nSubject: "
                + subject
                + "\nMessage-ID: <"
                + id
                + ">\nDate: "
                + rfc(when)
                + (parent.length == 0 ? "" : "\nIn-Reply-To: <" + parent[0] + ">")));
  }

  private void received(
      String folder,
      FolderRole role,
      String from,
      String when,
      String id,
      String parent,
      String subject) {
    mail.add(
        summary(
            folder,
            role,
            "From: "
                + from
                + "\nTo: "
                + ME
                + "\nSubject: "
                + subject
                + "\nMessage-ID: <"
                + id
                + ">\nDate: "
                + rfc(when)
                + "\nIn-Reply-To: <"
                + parent
                + ">"));
  }

  private MessageSummary summary(String folder, FolderRole role, String headers) {
    return MessageSummary.parse(folder, role, ++uid, null, headers + "\n");
  }

  private static String rfc(String when) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(when).atZone(ZoneOffset.UTC));
  }

  /** A mailbox with one contact in each state but IN_TOUCH, and a hostile display name. */
  private String page(List<Contact> known) {
    // replied, after a follow-up; the reply filed in a folder of its own
    sent("Dr. Lee <lee@uni.example.edu>", "2026-01-05T10:00:00Z", "a1@me", "Research year");
    sent(
        "Dr. Lee <lee@uni.example.edu>",
        "2026-01-20T10:00:00Z",
        "a2@me",
        "Re: Research year",
        "a1@me");
    received(
        "Mentors",
        FolderRole.OTHER,
        "Dr. Lee <lee@uni.example.edu>",
        "2026-02-25T10:00:00Z",
        "a3@uni",
        "a2@me",
        "Re: Research year");
    // follow-up due
    sent(
        "Dr. Okoro <okoro@rehab.example.edu>",
        "2026-02-01T10:00:00Z",
        "b1@me",
        "Question about SCI clinic");
    // bounced
    sent("Dr. Typo <typo@nowhere.example.edu>", "2026-02-27T10:00:00Z", "c1@me", "Hello");
    mail.add(
        summary(
            "INBOX",
            FolderRole.INBOX,
            "From: MAILER-DAEMON@mail.example.org\nTo: "
                + ME
                + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <c2@mail>\nDate: "
                + rfc("2026-02-27T10:01:00Z")
                + "\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\nX-Failed-Recipients: typo@nowhere.example.edu"));
    // awaiting a reply, with a name that tries to inject markup
    sent(
        "\"<script>alert(1)</script> \\\"><img src=x onerror=alert(2)>\" <evil@example.com>",
        "2026-02-26T10:00:00Z",
        "d1@me",
        "Research <b>bold</b> & co");
    Correspondence c = Correspondence.of(mail, Set.of(ME));
    FollowUpPolicy policy =
        new FollowUpPolicy(TrackingThresholds.DEFAULTS, AskDetector::asksSomething, CLOCK);
    List<StatusPage.Entry> entries = new ArrayList<>();
    for (ContactStatus s : policy.evaluate(c, m -> null, known)) {
      entries.add(new StatusPage.Entry(s, c.history(s.contact()).orElse(null)));
    }
    return StatusPage.render(entries, known, CLOCK);
  }

  private static final Contact MET =
      new Contact(
          "park@clinic.example.org",
          "Dr. Park",
          "Dr.",
          "AAPM&R",
          LocalDate.of(2026, 3, 1),
          List.of());

  private static Element row(Document doc, String address) {
    for (Element row : doc.select("article.contact")) {
      if (row.text().contains(address)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + address + " in\n" + doc.body().html());
  }

  @Test
  void everyContactHasARowInItsStateColour() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    Map<String, String> expected =
        Map.of(
            "lee@uni.example.edu", "state-replied",
            "park@clinic.example.org", "state-thank-you-due",
            "okoro@rehab.example.edu", "state-follow-up-due",
            "typo@nowhere.example.edu", "state-bounced",
            "evil@example.com", "state-awaiting-reply");
    assertEquals(expected.size(), doc.select("article.contact").size(), doc.body().html());
    expected.forEach(
        (address, cls) ->
            assertTrue(row(doc, address).hasClass(cls), address + " should be " + cls));
    // Most urgent first, as in the text table.
    List<String> order =
        doc.select("article.contact").stream()
            .map(e -> e.className().replaceAll(".*(state-\\S+).*", "$1"))
            .toList();
    assertEquals(
        List.of(
            "state-replied",
            "state-thank-you-due",
            "state-follow-up-due",
            "state-bounced",
            "state-awaiting-reply"),
        order);
    // Each state has its colour in the style sheet, for light and for dark.
    String css = doc.selectFirst("style").data();
    for (ContactState s : ContactState.values()) {
      assertTrue(css.contains("." + StatusPage.stateClass(s) + " {"), s + " has no colour");
    }
    assertTrue(css.contains("@media (prefers-color-scheme: dark)"), "dark mode");
    assertTrue(css.contains("@media print"), "print styles");
  }

  @Test
  void theSummaryAndCountsAreAtTheTop() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    assertEquals(
        "1 reply waiting for you, 1 thank-you due, 1 follow-up due, 1 bounced address to check; 1 awaiting a reply.",
        doc.selectFirst("header .summary").text());
    assertEquals("1 replied", doc.selectFirst("header .counts .state-replied").text());
    assertTrue(
        doc.selectFirst("header .as-of").text().contains("2 March 2026"),
        doc.selectFirst("header").text());
  }

  @Test
  void timelinesMarkMessagesFollowUpsRepliesBouncesAndMeetings() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    Element lee = row(doc, "lee@uni.example.edu");
    assertEquals(List.of("#m-sent", "#m-follow", "#m-reply"), marks(lee));
    Element reply = lee.select("use[href=#m-reply]").first();
    assertNotNull(reply);
    assertTrue(reply.text().contains("(in Mentors)"), reply.text());
    assertEquals(List.of("#m-sent", "#m-bounce"), marks(row(doc, "typo@nowhere.example.edu")));
    assertEquals(List.of("#m-met"), marks(row(doc, "park@clinic.example.org")));
    // The follow-up due 14 days after 1 February: a due mark, and the date in words.
    Element okoro = row(doc, "okoro@rehab.example.edu");
    assertEquals(1, okoro.select("use[href=#m-due]").size());
    assertEquals("due since 15 Feb 2026 (15 days ago)", okoro.selectFirst(".due-date").text());
    // Every row puts today at the same place on the shared axis.
    Set<String> today =
        doc.select("article.contact line.today").stream()
            .map(e -> e.attr("x1"))
            .collect(Collectors.toSet());
    assertEquals(1, today.size(), today.toString());
    // Marks are in time order along the axis.
    List<Double> xs =
        lee.select("use[href^=#m-]").stream()
            .map(e -> Double.parseDouble(e.attr("x").replace("%", "")))
            .toList();
    assertTrue(xs.get(0) < xs.get(1) && xs.get(1) < xs.get(2), xs.toString());
  }

  private static List<String> marks(Element row) {
    return row.select("use").stream()
        .map(e -> e.attr("href"))
        .filter(h -> !h.equals("#m-due"))
        .toList();
  }

  @Test
  void hostileNamesAndSubjectsAreTextNotMarkup() {
    String html = page(List.of(MET));
    Document doc = Jsoup.parse(html);
    assertTrue(doc.select("script").isEmpty(), "a display name became a script element");
    assertTrue(doc.select("img").isEmpty(), "a display name became an element");
    assertTrue(
        doc.select("b").stream().noneMatch(b -> b.text().equals("bold")),
        "a subject became markup");
    assertFalse(html.contains("<script>"), html);
    Element evil = row(doc, "evil@example.com");
    assertTrue(evil.selectFirst(".name").text().contains("<script>alert(1)</script>"), evil.text());
    assertTrue(evil.select("title").text().contains("Research <b>bold</b> & co"), evil.html());
  }

  @Test
  void thePageLoadsNothingFromTheNetwork() {
    String html = page(List.of(MET));
    assertFalse(html.contains("http://"), "http:// in the page");
    assertFalse(html.contains("https://"), "https:// in the page");
    Document doc = Jsoup.parse(html);
    assertTrue(
        doc.select("script, link, img, iframe, object, embed, [src]").isEmpty(),
        "external resources");
    for (Element e : doc.select("[href]")) {
      assertTrue(e.attr("href").startsWith("#"), "only references into the page itself: " + e);
    }
    assertFalse(doc.selectFirst("style").data().contains("url("), "no url() in the style sheet");
    assertFalse(
        doc.selectFirst("style").data().contains("@import"), "no @import in the style sheet");
  }

  @Test
  void anEmptyMailboxSaysSo() {
    Document doc = Jsoup.parse(StatusPage.render(List.of(), List.of(), CLOCK));
    assertEquals(
        "No contacts yet: nobody you wrote to, and nobody met in person in the contacts file.",
        doc.selectFirst(".empty").text());
    assertTrue(doc.select("article.contact").isEmpty());
  }

  @Test
  void theDateOfThePageNamesItsTimeZone() {
    assertEquals("Monday 2 March 2026, 09:00 UTC", StatusPage.asOf(NOW, ZoneOffset.UTC));
    assertEquals("Monday 2 March 2026, 09:00 UTC", StatusPage.asOf(NOW, ZoneId.of("Etc/UTC")));
    assertEquals(
        "Monday 2 March 2026, 14:00 PKT (UTC+05:00)",
        StatusPage.asOf(NOW, ZoneId.of("Asia/Karachi")));
    assertEquals(
        "Monday 2 March 2026, 06:00 UTC-03:00", StatusPage.asOf(NOW, ZoneOffset.ofHours(-3)));
    Element asOf = Jsoup.parse(page(List.of(MET))).selectFirst("header .as-of time");
    assertNotNull(asOf);
    assertEquals("Monday 2 March 2026, 09:00 UTC", asOf.text());
    assertEquals("2026-03-02T09:00Z", asOf.attr("datetime"));
  }

  @Test
  void datesInSentencesAreKeptWhole() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    Element okoro = row(doc, "okoro@rehab.example.edu");
    // "no reply to your message of 2026-02-01 …": the ISO date is one unbreakable element.
    assertEquals(
        List.of("2026-02-01"),
        okoro.select(".reason time.date").stream().map(Element::text).toList());
    assertEquals("2026-02-01", okoro.selectFirst(".reason time.date").attr("datetime"));
    assertEquals("15 Feb 2026", okoro.selectFirst(".due-date time.date").text());
    assertEquals("2026-02-15", okoro.selectFirst(".due-date time.date").attr("datetime"));
    for (Element e : doc.select(".reason, .due-date")) {
      assertFalse(e.ownText().matches(".*\\d{4}-\\d{2}-\\d{2}.*"), "a bare date in " + e);
    }
    String css = doc.selectFirst("style").data();
    assertTrue(css.contains("time.date { white-space: nowrap; }"), css);
  }

  @Test
  void statesAreSpelledOneWay() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    Set<String> labels =
        java.util.Arrays.stream(ContactState.values())
            .map(ContactState::label)
            .collect(Collectors.toSet());
    for (Element badge : doc.select(".badge")) {
      assertTrue(labels.contains(badge.text()), badge.text());
    }
    String css = doc.selectFirst("style").data();
    String badgeRule =
        css.substring(css.indexOf(".badge {"), css.indexOf("}", css.indexOf(".badge {")));
    assertFalse(badgeRule.contains("text-transform"), "shown as written: " + badgeRule);
  }

  @Test
  void theScaleHasDenserLabelsForWiderScreens() {
    Document doc = Jsoup.parse(page(List.of(MET)));
    List<Element> sets = doc.select("svg.scale g.ticks");
    assertTrue(sets.size() >= 2, doc.selectFirst("svg.scale").outerHtml());
    // Each set has more labels than the one before; all are on ticks of the grid.
    Set<String> grid =
        doc.select("article.contact line.grid").stream()
            .map(e -> e.attr("x1"))
            .collect(Collectors.toSet());
    for (int i = 0; i < sets.size(); i++) {
      assertTrue(sets.get(i).hasClass("ticks-" + i));
      if (i > 0) {
        assertTrue(
            sets.get(i).select("text").size() > sets.get(i - 1).select("text").size(),
            sets.get(i).outerHtml());
      }
      for (Element t : sets.get(i).select("text")) {
        assertTrue(grid.contains(t.attr("x")), t + " is not on a gridline " + grid);
      }
    }
    // The sparsest by default; each denser one from a wider scale on.
    String css = doc.select("style").get(1).data();
    assertTrue(css.startsWith(".ticks-0 { display: inline; }"), css);
    List<Integer> from =
        java.util.regex.Pattern.compile("@container scale \\(min-width: (\\d+)px\\)")
            .matcher(css)
            .results()
            .map(r -> Integer.parseInt(r.group(1)))
            .toList();
    assertEquals(sets.size() - 1, from.size(), css);
    for (int i = 1; i < from.size(); i++) {
      assertTrue(from.get(i) > from.get(i - 1), css);
    }
    assertTrue(
        doc.selectFirst("style").data().contains(".scale-box { container: scale / inline-size;"));
  }

  @Test
  void dueDatesReadAsWords() {
    ContactStatus replied =
        new ContactStatus(
            "a@b.org",
            null,
            ContactState.REPLIED,
            NOW,
            NOW.minusSeconds(86_400 * 3),
            0,
            NOW.minusSeconds(86_400 * 3),
            "r",
            false);
    assertEquals(
        "waiting since 27 Feb 2026 (3 days)", StatusPage.dueText(replied, NOW, ZoneOffset.UTC));
    ContactStatus awaiting =
        new ContactStatus(
            "a@b.org",
            null,
            ContactState.AWAITING_REPLY,
            NOW,
            null,
            0,
            NOW.plusSeconds(86_400),
            "r",
            false);
    assertEquals("due 3 Mar 2026 (tomorrow)", StatusPage.dueText(awaiting, NOW, ZoneOffset.UTC));
  }

  @Test
  void theStatusCommandWritesThePage() throws Exception {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "imap").dynamicPort());
    greenMail.start();
    try {
      greenMail.setUser(ME, ME, "pw");
      try (Store s = Session.getInstance(new Properties()).getStore("imap")) {
        s.connect("127.0.0.1", greenMail.getImap().getPort(), ME, "pw");
        Folder sent = s.getFolder("Sent");
        sent.create(Folder.HOLDS_MESSAGES);
        sent.appendMessages(
            new Message[] {
              new MimeMessage(
                  Session.getInstance(new Properties()),
                  new ByteArrayInputStream(
                      ("From: "
                              + ME
                              + "\r\nTo: =?UTF-8?Q?Dr=2E_Se=C3=B1or_=3Ci=3Ex=3C/i=3E?= <senor@uni.example.edu>\r\nSubject: Observership\r\n"
                              + "Message-ID: <a@me>\r\nDate: "
                              + rfc("2026-02-20T10:00:00Z")
                              + "\r\n\r\nCould we talk?\r\n")
                          .getBytes(StandardCharsets.UTF_8))) {
                @Override
                public Date getReceivedDate() {
                  return Date.from(Instant.parse("2026-02-20T10:00:00Z"));
                }
              }
            });
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new String[] {
                "status",
                "--imap",
                "imap://" + ME + "@127.0.0.1:" + greenMail.getImap().getPort(),
                "--now",
                "2026-03-02T09:00:00Z",
                "--format",
                "html"
              },
              new PrintWriter(out),
              new PrintWriter(err),
              new ByteArrayInputStream(new byte[0]),
              Map.of(
                  "RAPPORT_PASSWORD",
                  "pw",
                  "HOME",
                  home.toString(),
                  "XDG_CACHE_HOME",
                  home.resolve("cache").toString(),
                  "XDG_CONFIG_HOME",
                  home.resolve("config").toString()));
      assertEquals(0, code, err.toString());
      assertTrue(out.toString().startsWith("<!doctype html>"), out.toString());
      Document doc = Jsoup.parse(out.toString());
      Element row = row(doc, "senor@uni.example.edu");
      assertTrue(row.hasClass("state-awaiting-reply"), row.outerHtml());
      assertEquals("Dr. Señor <i>x</i>", row.selectFirst(".name").text());
      assertTrue(row.select("i").isEmpty(), "a display name became markup");
    } finally {
      greenMail.stop();
    }
  }

  @TempDir java.nio.file.Path home;
}
