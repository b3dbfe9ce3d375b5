package dev.rapport.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes scorecards as the JSON that {@code rapport lint --format json} prints and the Thunderbird
 * bridge returns: one object per draft with {@code file}, {@code overall}, {@code dimensions} and
 * {@code findings}. Thread-safe.
 */
public final class ScorecardJson {
  private ScorecardJson() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Returns one scorecard as a JSON object.
   *
   * @param failUnder the overall score under which {@code passed} is false
   */
  public static String toJson(Scorecard card, int failUnder) {
    return write(node(card, failUnder), false);
  }

  /** Returns scorecards as a JSON array, indented for reading if {@code pretty}. */
  public static String toJson(List<Scorecard> cards, int failUnder, boolean pretty) {
    ArrayNode array = JSON.createArrayNode();
    cards.forEach(c -> array.add(node(c, failUnder)));
    return write(array, pretty);
  }

  /** Returns one scorecard as a Jackson tree (not API: Jackson is not a transitive dependency). */
  static ObjectNode node(Scorecard card, int failUnder) {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", card.source());
    o.put("overall", card.overall());
    ObjectNode dims = o.putObject("dimensions");
    for (Dimension d : Dimension.values()) {
      if (d.isScored()) {
        dims.put(d.key(), card.score(d));
      }
    }
    o.put("band", card.band().key());
    o.put("passed", card.passes(failUnder));
    if (!card.notApplicable().isEmpty()) {
      // Dimensions that did not count: nothing in the draft for them to judge.
      var na = o.putArray("notApplicable");
      card.notApplicable().forEach(d -> na.add(d.key()));
    }
    ArrayNode fs = o.putArray("findings");
    for (Finding f : card.findings()) {
      ObjectNode j = fs.addObject();
      j.put("rule", f.rule());
      j.put("severity", f.severity().id());
      j.put("dimension", f.dimension().key());
      j.put("line", f.position().line());
      j.put("column", f.position().column());
      j.put("offset", f.span().start());
      j.put("length", f.span().length());
      j.put("field", f.span().field() == Span.Field.SUBJECT ? "subject" : "body");
      j.put("message", f.message());
      j.put("suggestion", f.suggestion());
      j.put("deduction", f.deduction());
    }
    return o;
  }

  private static String write(Object tree, boolean pretty) {
    try {
      return pretty
          ? JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree)
          : JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
