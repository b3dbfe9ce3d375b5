package dev.rapport.draft;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;

/**
 * The visible text of an HTML body, with the kinds its markup gives away: quotes, signatures and
 * forwarded messages as Thunderbird, Gmail, Outlook, Apple Mail and Yahoo write them.
 *
 * <p>Scripts, styles, comments and hidden elements are not visible text. Never runs anything in the
 * HTML: jsoup only parses it.
 */
final class HtmlText {

  private static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "dd",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hr",
          "li",
          "main",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "table",
          "tr",
          "ul",
          "body",
          "center");
  private static final Set<String> PARAGRAPHS =
      Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol");
  private static final Set<String> INVISIBLE =
      Set.of(
          "script",
          "style",
          "head",
          "title",
          "template",
          "noscript",
          "object",
          "embed",
          "iframe",
          "svg",
          "math",
          "select",
          "option");

  final String text;
  final @Nullable SegmentKind[] forced;

  private HtmlText(String text, @Nullable SegmentKind[] forced) {
    this.text = text;
    this.forced = forced;
  }

  /** Parses {@code html} (a whole document or a fragment) and extracts its visible text. */
  static HtmlText extract(String html) {
    return extract(Jsoup.parse(html));
  }

  /** Extracts the visible text of a parsed document. */
  static HtmlText extract(Document doc) {
    Visitor v = new Visitor();
    // A plain <blockquote> last in a message, below the writer's text, is the message replied to.
    Element last = null;
    for (Element bq : doc.getElementsByTag("blockquote")) {
      if (bq.parents().stream().noneMatch(p -> p.normalName().equals("blockquote"))) {
        last = bq;
      }
    }
    v.lastBlockquote = last;
    NodeTraversor.traverse(v, doc.body() != null ? doc.body() : doc);
    String text = v.finish();
    return new HtmlText(text, Arrays.copyOf(v.kinds, text.length()));
  }

  /** Splits the extracted text and completes the draft; findings point into the visible text. */
  Draft toDraft(Draft.Builder b) {
    return new Draft(b, text, StructureSplitter.split(text, forced), SourceMap.identity(text));
  }

  /** Marks that start a region of a kind, by the attributes the mail clients write. */
  static @Nullable SegmentKind kindOf(Element e) {
    String tag = e.normalName();
    String cls = " " + e.className().toLowerCase(Locale.ROOT) + " ";
    String id = e.id().toLowerCase(Locale.ROOT);
    if (tag.equals("blockquote") && "cite".equalsIgnoreCase(e.attr("type"))) {
      return SegmentKind.QUOTE;
    }
    if (cls.contains(" moz-cite-prefix ")
        || cls.contains(" gmail_quote ")
        || cls.contains(" gmail_attr ")
        || cls.contains("yahoo_quoted ")
        || cls.contains(" protonmail_quote ")
        || cls.contains(" outlookmessageheader ")) {
      return SegmentKind.QUOTE;
    }
    if (cls.contains(" moz-signature ")
        || cls.contains(" gmail_signature ")
        || "gmail_signature".equals(e.attr("data-smartmail"))
        || id.equals("signature")
        || cls.contains(" signature ")) {
      return SegmentKind.SIGNATURE;
    }
    if (cls.contains(" moz-forward-container ") || cls.contains(" gmail_forward ")) {
      return SegmentKind.FORWARD;
    }
    return null;
  }

  /** Outlook starts the quoted message with a marker element and puts the message after it. */
  static boolean startsOutlookQuote(Element e) {
    String id = e.id().toLowerCase(Locale.ROOT);
    return id.equals("divrplyfwdmsg")
        || id.equals("appendonsend")
        || id.equals("stopspelling")
        || (e.normalName().equals("div")
            && e.attr("style")
                .replace(" ", "")
                .toLowerCase(Locale.ROOT)
                .contains("border-top:solid#e1e1e1")
            && e.text().startsWith("From:"));
  }

  private static boolean hidden(Element e) {
    if (INVISIBLE.contains(e.normalName()) || e.hasAttr("hidden")) {
      return true;
    }
    String style = e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT);
    return style.contains("display:none") || style.contains("visibility:hidden");
  }

  private static final class Visitor implements NodeVisitor {
    private final StringBuilder sb = new StringBuilder();
    SegmentKind[] kinds = new SegmentKind[256];
    private final java.util.ArrayList<@Nullable SegmentKind> stack = new java.util.ArrayList<>();
    private @Nullable Element hiddenRoot;
    @Nullable Element lastBlockquote;
    private int pre;
    private @Nullable SegmentKind outlookRest;
    private int pendingBreaks;

    @Override
    public void head(Node node, int depth) {
      if (hiddenRoot != null) {
        return;
      }
      if (node instanceof Element e) {
        if (hidden(e)) {
          hiddenRoot = e;
          return;
        }
        if (startsOutlookQuote(e)) {
          outlookRest = SegmentKind.QUOTE;
        }
        SegmentKind k = kindOf(e);
        if (k == null && e == lastBlockquote && !Texts.isBlank(sb, 0, sb.length())) {
          k = SegmentKind.QUOTE;
        }
        stack.add(k != null ? k : current());
        String tag = e.normalName();
        if (tag.equals("pre")) {
          pre++;
        }
        if (tag.equals("br")) {
          newline(1);
        } else if (BLOCKS.contains(tag)) {
          newline(PARAGRAPHS.contains(tag) ? 2 : 1);
        } else if (tag.equals("td") || tag.equals("th")) {
          space();
        } else if (tag.equals("img")) {
          String alt = e.attr("alt").strip();
          if (!alt.isEmpty()) {
            append(alt);
          }
        }
      } else if (node instanceof TextNode t) {
        String s = t.getWholeText();
        if (pre > 0) {
          append(s);
        } else {
          appendCollapsed(s);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (hiddenRoot != null) {
        if (node == hiddenRoot) {
          hiddenRoot = null;
        }
        return;
      }
      if (node instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("pre")) {
          pre--;
        }
        if (BLOCKS.contains(tag)) {
          newline(PARAGRAPHS.contains(tag) ? 2 : 1);
        }
        stack.remove(stack.size() - 1);
      }
    }

    private @Nullable SegmentKind current() {
      SegmentKind top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
      return top != null ? top : outlookRest;
    }

    private void newline(int breaks) {
      if (sb.length() > 0) {
        pendingBreaks = Math.max(pendingBreaks, breaks);
      }
    }

    private void space() {
      if (sb.length() > 0
          && pendingBreaks == 0
          && !Character.isWhitespace(sb.charAt(sb.length() - 1))) {
        put(' ', current());
      }
    }

    private void flushBreaks(@Nullable SegmentKind k) {
      if (pendingBreaks == 0) {
        return;
      }
      // Trailing spaces before a break are not visible.
      while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
        sb.setLength(sb.length() - 1);
      }
      int have = 0;
      for (int i = sb.length() - 1; i >= 0 && sb.charAt(i) == '\n'; i--) {
        have++;
      }
      for (int i = have; i < pendingBreaks; i++) {
        put('\n', k);
      }
      pendingBreaks = 0;
    }

    private void appendCollapsed(String s) {
      SegmentKind k = current();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          if (sb.length() > 0
              && pendingBreaks == 0
              && sb.charAt(sb.length() - 1) != ' '
              && sb.charAt(sb.length() - 1) != '\n') {
            put(' ', k);
          }
        } else {
          flushBreaks(k);
          put(c == '\u00a0' ? ' ' : c, k);
        }
      }
    }

    private void append(String s) {
      SegmentKind k = current();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\r') {
          continue;
        }
        if (c != '\n' && !Character.isWhitespace(c)) {
          flushBreaks(k);
        }
        put(c == '\u00a0' ? ' ' : c, k);
      }
    }

    private void put(char c, @Nullable SegmentKind k) {
      if (sb.length() == kinds.length) {
        kinds = Arrays.copyOf(kinds, kinds.length * 2);
      }
      kinds[sb.length()] = k;
      sb.append(c);
    }

    String finish() {
      int end = sb.length();
      while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
        end--;
      }
      sb.setLength(end);
      return sb.toString();
    }
  }
}
