package dev.rapport.cli;

import dev.rapport.track.Contact;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.ContactState;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.MessageSummary;
import dev.rapport.track.StatusSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * {@code rapport status --format html}: one self-contained page (inline CSS and SVG, nothing
 * fetched from the network) with the summary at the top and, for every contact, a timeline of the
 * correspondence on a shared time axis: the user's messages and follow-ups above the line, replies
 * and bounces below it, the day they met, today, and when the next step is due. States are
 * coloured; the page follows the reader's light or dark preference and prints on paper.
 *
 * <p>The page is built as a jsoup document, so every name, address and subject from the mailbox is
 * escaped by the serializer, not by hand. Stateless; thread-safe.
 */
final class StatusPage {
  private StatusPage() {}

  /**
   * One contact's row.
   *
   * @param status where the relationship stands
   * @param history what the mailbox says about them, or {@code null} (met in person, never written
   *     to)
   */
  record Entry(ContactStatus status, @Nullable ContactHistory history) {
    Entry {
      Objects.requireNonNull(status, "status");
    }
  }

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter AS_OF =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ZONE_NAME =
      DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
  private static final DateTimeFormatter ZONE_OFFSET =
      DateTimeFormatter.ofPattern("xxx", Locale.ENGLISH);

  /**
   * A date in a sentence, as the mailbox's reasons write them ({@code 2026-11-22}) or as this page
   * does ({@code 22 Nov 2026}): kept on one line, since a browser may break an ISO date at its
   * hyphens.
   */
  private static final Pattern DATE =
      Pattern.compile(
          "\\b(\\d{4}-\\d{2}-\\d{2}|\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4})\\b");

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_YEAR =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter WEEK =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  /** Row geometry, in CSS pixels: the user's lane, the axis, the contact's lane. */
  private static final int HEIGHT = 64;

  private static final int YOU = 20;
  private static final int AXIS = 32;
  private static final int THEM = 44;

  /**
   * The scale's geometry: "today" on the top line, tick labels below it (11 px type, clear of
   * "today"'s descenders), each {@code TICK_DX} right of its gridline and at least {@code TICK_GAP}
   * before the next.
   */
  private static final int SCALE_HEIGHT = 30;

  private static final int TICK_BASELINE = 26;
  private static final int TICK_DX = 3;
  private static final int TICK_GAP = 6;
  private static final double TICK_FONT_PX = 11;

  /** About the narrowest a scale gets: the page on a 320 px phone, less its padding. */
  private static final double NARROWEST = 280;

  /**
   * Wider than any scale is drawn (the page is at most 84 rem wide): sets needing more are left
   * out.
   */
  private static final double WIDEST = 2_000;

  /**
   * Renders the page.
   *
   * @param entries the contacts, in any order (shown most urgent first)
   * @param known the contacts of the configuration, for the day each was met
   * @param clock what "now" is, and the time zone days are shown in
   * @return the whole HTML document
   */
  static String render(List<Entry> entries, Collection<Contact> known, Clock clock) {
    Instant now = clock.instant();
    ZoneId zone = clock.getZone();
    List<Entry> rows = new ArrayList<>(entries);
    rows.sort(Comparator.comparing(Entry::status, ContactStatus.BY_URGENCY));
    Map<String, LocalDate> met = new HashMap<>();
    for (Contact c : known) {
      if (c.metOn() != null) {
        met.put(c.email(), c.metOn());
      }
    }

    Document doc = Document.createShell("");
    doc.prependChild(new DocumentType("html", "", ""));
    doc.outputSettings().prettyPrint(true).indentAmount(1);
    doc.selectFirst("html").attr("lang", "en");
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta")
        .attr("name", "viewport")
        .attr("content", "width=device-width, initial-scale=1");
    head.appendElement("meta").attr("name", "color-scheme").attr("content", "light dark");
    head.appendElement("title").text("Outreach, " + DAY.format(now.atZone(zone)));
    head.appendElement("style").appendChild(new DataNode(CSS));
    @Nullable Axis axis = rows.isEmpty() ? null : Axis.of(rows, met, now, zone);
    if (axis != null) {
      head.appendElement("style").appendChild(new DataNode(axis.scaleCss()));
    }

    Element body = doc.body();
    body.appendChild(defs());
    Element header = body.appendElement("header");
    header.appendElement("h1").text("Outreach");
    header
        .appendElement("p")
        .addClass("as-of")
        .text("as of ")
        .appendElement("time")
        .addClass("date")
        .attr("datetime", now.atZone(zone).toOffsetDateTime().toString())
        .text(asOf(now, zone));
    List<ContactStatus> statuses = rows.stream().map(Entry::status).toList();
    header.appendElement("p").addClass("summary").text(StatusSummary.line(statuses));
    counts(header.appendElement("ul").addClass("counts"), statuses);
    legend(body.appendElement("ul").addClass("legend"));

    Element main = body.appendElement("main");
    if (axis == null) {
      main.appendElement("p")
          .addClass("empty")
          .text(
              "No contacts yet: nobody you wrote to, and nobody met in person in the contacts file.");
    } else {
      Element top = main.appendElement("div").addClass("row axis-row");
      top.appendElement("div")
          .addClass("who")
          .appendElement("span")
          .addClass("axis-title")
          .text("contact");
      top.appendChild(axis.scale());
      for (Entry e : rows) {
        main.appendChild(row(e, met.get(e.status().contact()), axis));
      }
    }
    body.appendElement("footer")
        .text(
            "Made by rapport status --format html. Everything is in this one file: "
                + "nothing is loaded from the network.");
    return doc.outerHtml() + "\n";
  }

  // ------------------------------------------------------------------ header

  private static void counts(Element ul, List<ContactStatus> statuses) {
    Map<ContactState, Integer> n = new EnumMap<>(ContactState.class);
    for (ContactStatus s : statuses) {
      n.merge(s.state(), 1, Integer::sum);
    }
    for (Map.Entry<ContactState, Integer> e : n.entrySet()) {
      Element li = ul.appendElement("li").addClass(stateClass(e.getKey()));
      li.appendElement("b").text(String.valueOf(e.getValue()));
      li.appendText(" " + e.getKey().label());
    }
  }

  private static void legend(Element ul) {
    legendItem(ul, "#m-sent", "you wrote", "");
    legendItem(ul, "#m-follow", "follow-up", "");
    legendItem(ul, "#m-reply", "they replied", "");
    legendItem(ul, "#m-bounce", "bounced", "");
    legendItem(ul, "#m-met", "met in person", "");
    legendItem(ul, "#m-due", "next step due", "state-follow-up-due");
    Element li = ul.appendElement("li");
    Element svg =
        li.appendElement("svg")
            .attr("width", "18")
            .attr("height", "18")
            .attr("aria-hidden", "true");
    svg.appendElement("line")
        .addClass("today")
        .attr("x1", "9")
        .attr("x2", "9")
        .attr("y1", "1")
        .attr("y2", "17");
    li.appendText("today");
  }

  private static void legendItem(Element ul, String mark, String label, String cls) {
    Element li = ul.appendElement("li");
    if (!cls.isEmpty()) {
      li.addClass(cls);
    }
    Element svg =
        li.appendElement("svg")
            .attr("width", "18")
            .attr("height", "18")
            .attr("aria-hidden", "true");
    svg.appendElement("use")
        .attr("href", mark)
        .attr("x", "9")
        .attr("y", mark.equals("#m-due") ? "12" : "9");
    li.appendText(label);
  }

  /** The shapes every timeline uses, drawn once, centred on 0,0. */
  private static Element defs() {
    Element svg =
        new Element("svg")
            .addClass("defs")
            .attr("aria-hidden", "true")
            .attr("width", "0")
            .attr("height", "0");
    Element defs = svg.appendElement("defs");
    defs.appendElement("circle").attr("id", "m-sent").addClass("sent").attr("r", "5.5");
    defs.appendElement("circle").attr("id", "m-follow").addClass("follow").attr("r", "4.5");
    defs.appendElement("circle").attr("id", "m-reply").addClass("reply").attr("r", "5.5");
    defs.appendElement("path")
        .attr("id", "m-bounce")
        .addClass("bounce")
        .attr("d", "M-4.5,-4.5L4.5,4.5M4.5,-4.5L-4.5,4.5");
    defs.appendElement("path").attr("id", "m-met").addClass("met").attr("d", "M0,-7L7,0L0,7L-7,0Z");
    defs.appendElement("path").attr("id", "m-due").addClass("due").attr("d", "M-6,-7L6,-7L0,1Z");
    return svg;
  }

  // ------------------------------------------------------------------ rows

  private static Element row(Entry e, @Nullable LocalDate metOn, Axis axis) {
    ContactStatus s = e.status();
    Element row = new Element("article").addClass("row contact").addClass(stateClass(s.state()));
    Element who = row.appendElement("div").addClass("who");
    Element title = who.appendElement("h2");
    title.appendElement("span").addClass("badge").text(s.state().label());
    title
        .appendElement("span")
        .addClass("name")
        .text(clean(s.name() == null ? s.contact() : s.name()));
    if (s.name() != null) {
      who.appendElement("p").addClass("address").text(clean(s.contact()));
    }
    withDates(who.appendElement("p").addClass("reason"), clean(s.reason()));
    Element facts = who.appendElement("p").addClass("facts");
    if (s.due() != null) {
      withDates(facts.appendElement("span").addClass("due-date"), dueText(s, axis.now, axis.zone));
    }
    ContactHistory h = e.history();
    if (h != null && h.autoReplies() > 0) {
      facts
          .appendElement("span")
          .addClass("auto")
          .text(
              h.autoReplies() == 1
                  ? "1 automatic reply, not counted"
                  : h.autoReplies() + " automatic replies, not counted");
    }
    if (s.possiblyUnseen()) {
      facts.appendElement("span").addClass("junk").text("reply in Junk");
    }

    Element svg =
        row.appendElement("svg")
            .addClass("track")
            .attr("height", String.valueOf(HEIGHT))
            .attr("role", "img")
            .attr("aria-label", "timeline of " + clean(s.name() == null ? s.contact() : s.name()));
    axis.grid(svg);
    List<Instant> times = new ArrayList<>();
    List<Event> events = events(h);
    for (Event ev : events) {
      times.add(ev.time);
    }
    if (metOn != null) {
      times.add(metOn.atStartOfDay(axis.zone).toInstant());
    }
    if (!times.isEmpty()) {
      Instant first = times.stream().min(Comparator.naturalOrder()).orElseThrow();
      Instant last = times.stream().max(Comparator.naturalOrder()).orElseThrow();
      Instant end =
          s.due() != null && s.due().isAfter(last) && s.state() != ContactState.REPLIED
              ? s.due()
              : last;
      svg.appendElement("line")
          .addClass("span")
          .attr("x1", axis.x(first))
          .attr("x2", axis.x(end))
          .attr("y1", String.valueOf(AXIS))
          .attr("y2", String.valueOf(AXIS));
    }
    if (s.due() != null && s.state() != ContactState.REPLIED) {
      String x = axis.x(s.due());
      svg.appendElement("line")
          .addClass("due-line")
          .attr("x1", x)
          .attr("x2", x)
          .attr("y1", "10")
          .attr("y2", String.valueOf(HEIGHT - 6));
      mark(svg, "#m-due", x, 9, "next step due " + DAY.format(s.due().atZone(axis.zone)));
    }
    if (metOn != null) {
      mark(
          svg,
          "#m-met",
          axis.x(metOn.atStartOfDay(axis.zone).toInstant()),
          AXIS,
          "met in person " + DAY.format(metOn));
    }
    for (Event ev : events) {
      mark(
          svg,
          ev.mark,
          axis.x(ev.time),
          ev.lane,
          ev.label
              + " "
              + DAY.format(ev.time.atZone(axis.zone))
              + (ev.subject.isEmpty() ? "" : ": " + clean(ev.subject))
              + (ev.folder.isEmpty() ? "" : " (in " + clean(ev.folder) + ")"));
    }
    String today = axis.x(axis.now);
    svg.appendElement("line")
        .addClass("today")
        .attr("x1", today)
        .attr("x2", today)
        .attr("y1", "0")
        .attr("y2", String.valueOf(HEIGHT));
    return row;
  }

  private static void mark(Element svg, String shape, String x, int y, String tip) {
    svg.appendElement("use")
        .attr("href", shape)
        .attr("x", x)
        .attr("y", String.valueOf(y))
        .appendElement("title")
        .text(tip);
  }

  private record Event(
      Instant time, String mark, int lane, String label, String subject, String folder) {}

  /**
   * The marks of one history: the user's messages (a follow-up when nothing came back since the
   * last), replies, bounces.
   */
  private static List<Event> events(@Nullable ContactHistory h) {
    List<Event> out = new ArrayList<>();
    if (h == null) {
      return out;
    }
    List<MessageSummary> sent = h.sent();
    int r = 0;
    Instant previousSent = null;
    for (MessageSummary m : sent) {
      Instant t = m.time().orElseThrow();
      boolean answeredSince = false;
      while (r < h.received().size() && !h.received().get(r).time().orElseThrow().isAfter(t)) {
        answeredSince = true;
        r++;
      }
      boolean followUp = previousSent != null && !answeredSince;
      out.add(
          new Event(
              t,
              followUp ? "#m-follow" : "#m-sent",
              YOU,
              followUp ? "follow-up" : previousSent == null ? "first message" : "you wrote",
              m.subject(),
              ""));
      previousSent = t;
    }
    for (MessageSummary m : h.received()) {
      out.add(
          new Event(
              m.time().orElseThrow(), "#m-reply", THEM, "they replied", m.subject(), m.folder()));
    }
    for (ContactHistory.Bounce b : h.bounces()) {
      out.add(new Event(b.time(), "#m-bounce", THEM, "bounced", "", ""));
    }
    return out;
  }

  // ------------------------------------------------------------------ the time axis

  /**
   * Maps instants to percentages of the timeline's width; shared by every row, so marks line up.
   */
  private static final class Axis {
    final Instant from;
    final Instant to;
    final Instant now;
    final ZoneId zone;

    private Axis(Instant from, Instant to, Instant now, ZoneId zone) {
      this.from = from;
      this.to = to;
      this.now = now;
      this.zone = zone;
    }

    static Axis of(List<Entry> rows, Map<String, LocalDate> met, Instant now, ZoneId zone) {
      Instant min = now;
      Instant max = now;
      for (Entry e : rows) {
        List<Instant> ts = new ArrayList<>();
        for (Event ev : events(e.history())) {
          ts.add(ev.time);
        }
        LocalDate m = met.get(e.status().contact());
        if (m != null) {
          ts.add(m.atStartOfDay(zone).toInstant());
        }
        if (e.status().due() != null) {
          ts.add(e.status().due());
        }
        for (Instant t : ts) {
          min = t.isBefore(min) ? t : min;
          max = t.isAfter(max) ? t : max;
        }
      }
      // At least two weeks wide, and a little room at both ends so marks are not cut in half.
      Duration span = Duration.between(min, max);
      if (span.compareTo(Duration.ofDays(14)) < 0) {
        Duration grow = Duration.ofDays(14).minus(span).dividedBy(2);
        min = min.minus(grow);
        max = max.plus(grow);
        span = Duration.between(min, max);
      }
      Duration pad = span.dividedBy(40);
      return new Axis(min.minus(pad), max.plus(pad), now, zone);
    }

    String x(Instant t) {
      return String.format(Locale.ROOT, "%.2f%%", 100 * fraction(t));
    }

    /** Month (or, for a short span, week) gridlines and the shaded future. */
    void grid(Element svg) {
      if (now.isBefore(to)) {
        String x = x(now);
        double w = 100 - Double.parseDouble(x.substring(0, x.length() - 1));
        svg.appendElement("rect")
            .addClass("future")
            .attr("x", x)
            .attr("y", "0")
            .attr("width", String.format(Locale.ROOT, "%.2f%%", w))
            .attr("height", String.valueOf(HEIGHT));
      }
      svg.appendElement("line")
          .addClass("axis")
          .attr("x1", "0")
          .attr("x2", "100%")
          .attr("y1", String.valueOf(AXIS))
          .attr("y2", String.valueOf(AXIS));
      for (Instant t : ticks()) {
        String x = x(t);
        svg.appendElement("line")
            .addClass("grid")
            .attr("x1", x)
            .attr("x2", x)
            .attr("y1", "0")
            .attr("y2", String.valueOf(HEIGHT));
      }
    }

    /**
     * The scale above the rows: tick labels and "today", in a box whose width the style sheet can
     * query. A label is about as wide at 300 px as at 1,200 px while the months get closer, so the
     * scale carries a few sets of labels, from every tick to every twelfth, and {@link #scaleCss()}
     * shows the densest set that fits the width the browser gives it.
     */
    Element scale() {
      Element box = new Element("div").addClass("scale-box");
      Element svg =
          box.appendElement("svg")
              .addClass("track scale")
              .attr("height", String.valueOf(SCALE_HEIGHT))
              .attr("aria-hidden", "true");
      List<LabelSet> sets = labelSets();
      for (int i = 0; i < sets.size(); i++) {
        Element g = svg.appendElement("g").addClass("ticks ticks-" + i);
        LabelSet set = sets.get(i);
        for (int j = 0; j < set.at().size(); j++) {
          g.appendElement("text")
              .addClass("tick")
              .attr("x", x(set.at().get(j)))
              .attr("y", String.valueOf(TICK_BASELINE))
              .attr("dx", String.valueOf(TICK_DX))
              .text(set.labels().get(j));
        }
      }
      double today = fraction(now);
      svg.appendElement("text")
          .addClass("today-label")
          .attr("x", x(now))
          .attr("y", "10")
          .attr("text-anchor", today < 0.08 ? "start" : today > 0.92 ? "end" : "middle")
          .text("today");
      return box;
    }

    /**
     * The rules that show one set of scale labels at a time: the sparsest by default (and in a
     * browser without container queries), a denser one from the width at which it fits.
     */
    String scaleCss() {
      List<LabelSet> sets = labelSets();
      StringBuilder css = new StringBuilder(".ticks-0 { display: inline; }\n");
      for (int i = 1; i < sets.size(); i++) {
        css.append(
            String.format(
                Locale.ROOT,
                "@container scale (min-width: %.0fpx) { .ticks-%d { display: none; } .ticks-%d { display: inline; } }%n",
                Math.ceil(sets.get(i).minWidth()),
                i - 1,
                i));
      }
      return css.toString();
    }

    /**
     * One set of scale labels: the ticks labelled, their text, and the narrowest scale (in CSS
     * pixels) on which no two of them touch and the last does not run past the end.
     */
    private record LabelSet(List<Instant> at, List<String> labels, double minWidth) {}

    /**
     * The label sets worth having, sparsest (narrowest) first, each denser than the one before:
     * every k-th tick for a few strides k, each with and without its last label (the one most
     * likely to run past the right end).
     */
    private List<LabelSet> labelSets() {
      List<Instant> ticks = ticks();
      boolean months = months();
      List<LabelSet> candidates = new ArrayList<>();
      for (int stride : months ? new int[] {1, 2, 3, 4, 6, 12} : new int[] {1, 2, 4, 8}) {
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += stride) {
          at.add(ticks.get(i));
        }
        if (!at.isEmpty()) {
          candidates.add(labelSet(at, months));
        }
        if (at.size() > 1) {
          candidates.add(labelSet(at.subList(0, at.size() - 1), months));
        }
      }
      candidates.add(new LabelSet(List.of(), List.of(), 0));
      candidates.removeIf(c -> c.minWidth() > WIDEST);
      candidates.sort(
          Comparator.comparingDouble(LabelSet::minWidth).thenComparingInt(l -> -l.at().size()));
      List<LabelSet> sets = new ArrayList<>();
      for (LabelSet c : candidates) {
        if (sets.isEmpty() || c.at().size() > sets.get(sets.size() - 1).at().size()) {
          sets.add(c);
        }
      }
      // Nothing at all is shown only if not even one label fits on any scale worth drawing.
      if (sets.size() > 1 && sets.get(1).minWidth() <= NARROWEST) {
        sets.remove(0);
      }
      return sets;
    }

    private LabelSet labelSet(List<Instant> at, boolean months) {
      List<String> labels = new ArrayList<>();
      int lastYear = -1;
      for (Instant t : at) {
        ZonedDateTime z = t.atZone(zone);
        labels.add(
            months
                ? (z.getYear() != lastYear ? MONTH_YEAR.format(z) : MONTH.format(z))
                : WEEK.format(z));
        lastYear = z.getYear();
      }
      double need = 0;
      for (int i = 0; i < at.size(); i++) {
        double width = TICK_DX + labelWidth(labels.get(i));
        double room = (i + 1 < at.size() ? fraction(at.get(i + 1)) : 1) - fraction(at.get(i));
        need =
            Math.max(
                need,
                room <= 0 ? Double.MAX_VALUE : (width + (i + 1 < at.size() ? TICK_GAP : 0)) / room);
      }
      return new LabelSet(List.copyOf(at), List.copyOf(labels), need);
    }

    /**
     * A generous guess at how wide a tick label is drawn: 0.66 em a character (digits are about
     * 0.55–0.64 em in common sans-serif faces, a space less), so sets are chosen on the safe side.
     */
    private static double labelWidth(String label) {
      return label.length() * 0.66 * TICK_FONT_PX;
    }

    private boolean months() {
      return Duration.between(from, to).toDays() > 70;
    }

    /** Where {@code t} falls on the axis, from 0 (left) to 1 (right). */
    double fraction(Instant t) {
      double total = Duration.between(from, to).toMillis();
      double at = Duration.between(from, t).toMillis();
      return Math.max(0, Math.min(1, at / total));
    }

    private List<Instant> ticks() {
      List<Instant> out = new ArrayList<>();
      boolean months = months();
      ZonedDateTime z = from.atZone(zone).toLocalDate().atStartOfDay(zone);
      z = months ? z.withDayOfMonth(1) : z.minusDays((z.getDayOfWeek().getValue() + 6) % 7);
      while (z.toInstant().isBefore(to)) {
        if (!z.toInstant().isBefore(from)) {
          out.add(z.toInstant());
        }
        z = months ? z.plusMonths(1) : z.plusWeeks(1);
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ helpers

  static String stateClass(ContactState s) {
    return "state-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * When the next step is due, in words: "due 7 Dec 2026 (in 9 days)", "waiting since 16 Nov 2026
   * (12 days)".
   */
  static String dueText(ContactStatus s, Instant now, ZoneId zone) {
    Instant due = Objects.requireNonNull(s.due());
    LocalDate day = LocalDate.ofInstant(due, zone);
    long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, zone), day);
    String date = DAY.format(day);
    if (s.state() == ContactState.REPLIED) {
      return "waiting since "
          + date
          + " ("
          + (days == 0 ? "today" : -days == 1 ? "1 day" : -days + " days")
          + ")";
    }
    if (days > 0) {
      return "due " + date + " (" + (days == 1 ? "tomorrow" : "in " + days + " days") + ")";
    }
    if (days == 0) {
      return "due today, " + date;
    }
    if (s.state() == ContactState.MOVE_ON) {
      return "done waiting since "
          + date
          + " ("
          + (days == -1 ? "yesterday" : -days + " days ago")
          + ")";
    }
    return "due since " + date + " (" + (days == -1 ? "yesterday" : -days + " days ago") + ")";
  }

  /**
   * "Friday 4 December 2026, 11:40 UTC", "… 16:40 PKT (UTC+05:00)": the clock's zone is named,
   * since the page may be read elsewhere or later than it was made.
   */
  static String asOf(Instant now, ZoneId zone) {
    ZonedDateTime at = now.atZone(zone);
    String offset = ZONE_OFFSET.format(at);
    String utc = offset.equals("+00:00") ? "UTC" : "UTC" + offset;
    String name = zone instanceof ZoneOffset ? utc : ZONE_NAME.format(at);
    return AS_OF.format(at)
        + " "
        + name
        + (name.equals(utc) || name.equals("UTC") || name.equals("GMT") ? "" : " (" + utc + ")");
  }

  /** Appends {@code text} to {@code parent}, each date in it a {@code <time class="date">}. */
  private static void withDates(Element parent, String text) {
    Matcher m = DATE.matcher(text);
    int at = 0;
    while (m.find()) {
      parent.appendText(text.substring(at, m.start()));
      String date = m.group();
      parent
          .appendElement("time")
          .addClass("date")
          .attr("datetime", date.indexOf('-') > 0 ? date : LocalDate.parse(date, DAY).toString())
          .text(date);
      at = m.end();
    }
    parent.appendText(text.substring(at));
  }

  /** Names and subjects come from mail headers: no control characters, even escaped ones. */
  private static String clean(String s) {
    return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  /** The light palette: the default, and what is printed whatever the screen's preference. */
  private static final String LIGHT =
      """
        --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --grid: #eef1f4; --panel: #f6f8fa;
        --future: rgba(9, 105, 218, 0.05); --today: #0969da; --ink: #1f2328; --reply: #1a7f37; --bounce: #cf222e;
        --met: #8250df;
        --replied: #1a7f37; --thank-you-due: #8250df; --follow-up-due: #bc4c00; --bounced: #cf222e;
        --update-due: #0969da; --move-on: #6e7781; --awaiting-reply: #9a6700; --in-touch: #1b7c83;
      """;

  private static final String CSS =
      """
      :root {
        color-scheme: light dark;
      """
          + LIGHT
          + """
      }
      @media (prefers-color-scheme: dark) {
        :root {
          --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --grid: #1c2128; --panel: #151b23;
          --future: rgba(88, 166, 255, 0.06); --today: #58a6ff; --ink: #e6edf3; --reply: #3fb950; --bounce: #f85149;
          --met: #a371f7;
          --replied: #3fb950; --thank-you-due: #a371f7; --follow-up-due: #f0883e; --bounced: #f85149;
          --update-due: #58a6ff; --move-on: #9198a1; --awaiting-reply: #d29922; --in-touch: #39c5cf;
        }
      }
      * { box-sizing: border-box; }
      html { background: var(--bg); color: var(--fg); }
      body {
        margin: 0 auto; max-width: 84rem; padding: 1.5rem 2rem 2rem;
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
      }
      .defs { position: absolute; width: 0; height: 0; overflow: hidden; }
      header h1 { margin: 0; font-size: 1.6rem; letter-spacing: -0.01em; }
      .as-of { margin: 0.1rem 0 0.8rem; color: var(--muted); }
      .summary { margin: 0 0 0.8rem; font-size: 1.1rem; font-weight: 600; }
      .counts, .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem; list-style: none; margin: 0; padding: 0; }
      .counts li {
        border: 1px solid var(--line); border-left: 0.35rem solid var(--state); border-radius: 0.4rem;
        padding: 0.15rem 0.6rem; background: var(--panel);
      }
      .counts b { color: var(--state); }
      .legend { margin: 1.1rem 0 0.4rem; color: var(--muted); font-size: 0.85rem; gap: 0.3rem 1.1rem; }
      .legend li { display: flex; align-items: center; gap: 0.3rem; }
      .legend svg { overflow: visible; }
      .row { display: grid; grid-template-columns: minmax(15rem, 22rem) 1fr; gap: 0 1.2rem; align-items: center; }
      .axis-row { position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--line); z-index: 1; }
      .axis-title { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; }
      .contact { border-bottom: 1px solid var(--line); padding: 0.55rem 0; break-inside: avoid; }
      .contact .who { border-left: 0.3rem solid var(--state); padding-left: 0.7rem; min-width: 0; }
      .contact h2 { margin: 0; font-size: 1rem; font-weight: 600; display: flex; gap: 0.5rem; align-items: baseline; }
      .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .badge {
        flex: none; font-size: 0.78rem; font-weight: 700; letter-spacing: 0.02em; white-space: nowrap;
        color: var(--bg); background: var(--state); border-radius: 0.3rem; padding: 0.05rem 0.4rem;
      }
      .address { margin: 0; color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
      .reason { margin: 0.15rem 0 0; font-size: 0.9rem; }
      .facts { margin: 0.1rem 0 0; font-size: 0.8rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0 0.8rem; }
      .due-date { color: var(--state); font-weight: 600; }
      .junk { color: var(--bounce); font-weight: 600; }
      svg.track { width: 100%; display: block; overflow: visible; }
      .scale-box { container: scale / inline-size; min-width: 0; }
      .ticks { display: none; }
      time.date { white-space: nowrap; }
      .state-replied { --state: var(--replied); }
      .state-thank-you-due { --state: var(--thank-you-due); }
      .state-follow-up-due { --state: var(--follow-up-due); }
      .state-bounced { --state: var(--bounced); }
      .state-update-due { --state: var(--update-due); }
      .state-move-on { --state: var(--move-on); }
      .state-awaiting-reply { --state: var(--awaiting-reply); }
      .state-in-touch { --state: var(--in-touch); }
      .future { fill: var(--future); }
      .axis { stroke: var(--line); stroke-width: 1; }
      .grid { stroke: var(--grid); stroke-width: 1; }
      .span { stroke: var(--state); stroke-width: 3; stroke-linecap: round; opacity: 0.45; }
      .today { stroke: var(--today); stroke-width: 1.5; }
      .due-line { stroke: var(--state); stroke-width: 1.2; stroke-dasharray: 3 3; }
      .sent { fill: var(--ink); }
      .follow { fill: var(--bg); stroke: var(--ink); stroke-width: 2; }
      .reply { fill: var(--reply); }
      .bounce { fill: none; stroke: var(--bounce); stroke-width: 2.6; stroke-linecap: round; }
      .met { fill: var(--met); }
      .due { fill: var(--state, var(--follow-up-due)); }
      .tick { fill: var(--muted); font-size: 11px; }
      .today-label { fill: var(--today); font-size: 11px; font-weight: 700; }
      .empty { color: var(--muted); font-size: 1.1rem; }
      footer { margin-top: 1.2rem; color: var(--muted); font-size: 0.8rem; }
      @media (max-width: 46rem) {
        body { padding: 1rem; }
        .row { grid-template-columns: 1fr; }
        .axis-row .who { display: none; }
      }
      @media print {
        :root {
          color-scheme: light;
      """
          + LIGHT
          + """
          --fg: #000000; --muted: #444c56; --line: #bbbbbb; --grid: #e8e8e8; --panel: #ffffff;
          --future: rgba(0, 0, 0, 0.04); --ink: #000000;
        }
        html, body { background: #ffffff; }
        body { max-width: none; padding: 0; font-size: 11px; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .axis-row { position: static; }
        .contact { padding: 0.3rem 0; }
      }
      @page { size: A4 landscape; margin: 12mm; }
      """;
}
