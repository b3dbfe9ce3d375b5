package dev.rapport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.internal.Text;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Scorecard;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rapport rules}: lists every active rule (built-in, written in the config, from plugins).
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every active rule: built-in, written in the configuration ([checks]) and from plugins.",
      "Shows each rule's id, dimension, severity, origin and what it checks; --format json adds its options.",
      "A rule written in the configuration as id = \"NO_SIR_MADAM\" is listed and reported as CONFIG.NO_SIR_MADAM."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed",
      "2:usage error, bad configuration or a plugin that cannot be loaded",
      "3:internal error (please report it)"
    })
final class RulesCommand implements Callable<Integer>, Main.Io {

  enum Format {
    text,
    json
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CONFIG_PREFIX = "CONFIG.";

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Mixin PluginOptions pluginOptions = new PluginOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.text;

  private Map<String, String> env = Map.of();

  @Override
  public void io(java.io.InputStream in, Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Linter linter = pluginOptions.linter(configOptions.load(env));
    List<Linter.ActiveRule> rules = linter.rules();
    if (format == Format.json) {
      out.println(json(rules));
    } else {
      text(out, rules);
    }
    out.flush();
    return Main.OK;
  }

  static void text(PrintWriter out, List<Linter.ActiveRule> rules) {
    int id = "ID".length();
    int dim = "DIMENSION".length();
    int origin = "ORIGIN".length();
    for (Linter.ActiveRule a : rules) {
      id = Math.max(id, a.rule().id().length());
      dim = Math.max(dim, a.rule().dimension().key().length());
      origin = Math.max(origin, a.origin().length());
    }
    String row = "%-" + id + "s  %-" + dim + "s  %-8s  %-" + origin + "s  %s%n";
    out.printf(row, "ID", "DIMENSION", "SEVERITY", "ORIGIN", "DESCRIPTION");
    for (Linter.ActiveRule a : rules) {
      Rule r = a.rule();
      out.printf(
          row,
          r.id(),
          r.dimension().key(),
          a.severity().id(),
          a.origin(),
          Text.oneLine(r.description()));
    }
    if (rules.stream().anyMatch(a -> a.rule().id().startsWith(CONFIG_PREFIX))) {
      out.println();
      out.println(
          "Rules written in the configuration ([[checks.*]]) are reported as CONFIG.<id>: the id as written,");
      out.println(
          "after CONFIG., so that none can clash with a built-in rule. Use the whole id in X-Rapport-Ignore and");
      out.println("in [rules.\"CONFIG.<id>\"].");
    }
    out.println();
    out.println(
        "The overall score is 100 minus the deductions of the findings, and reads as a band:");
    for (Scorecard.Band b : Scorecard.Band.values()) {
      out.printf(
          "  %-6s  %-6s  %s%n",
          b.key(),
          switch (b) {
            case GOOD -> "85-100";
            case REVIEW -> "60-84";
            case POOR -> "0-59";
          },
          b.words());
    }
  }

  static String json(List<Linter.ActiveRule> rules) {
    ArrayNode array = JSON.createArrayNode();
    for (Linter.ActiveRule a : rules) {
      Rule r = a.rule();
      ObjectNode o = array.addObject();
      o.put("id", r.id());
      o.put("dimension", r.dimension().key());
      o.put("severity", a.severity().id());
      o.put("origin", a.origin());
      o.put("description", Text.oneLine(r.description()));
      ArrayNode opts = o.putArray("options");
      for (RuleOption opt : r.options()) {
        ObjectNode j = opts.addObject();
        j.put("name", opt.name());
        j.put("type", opt.type().name().toLowerCase(Locale.ROOT));
        j.set("default", JSON.valueToTree(opt.defaultValue()));
        boolean whole = opt.type() == RuleOption.Type.INTEGER;
        if (opt.min() != null) {
          j.set(
              "min", whole ? JSON.valueToTree(opt.min().longValue()) : JSON.valueToTree(opt.min()));
        }
        if (opt.max() != null) {
          j.set(
              "max", whole ? JSON.valueToTree(opt.max().longValue()) : JSON.valueToTree(opt.max()));
        }
        j.set("value", JSON.valueToTree(valueOf(a, opt)));
        j.put("description", opt.description());
      }
    }
    try {
      return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Object valueOf(Linter.ActiveRule a, RuleOption opt) {
    return switch (opt.type()) {
      case INTEGER -> a.options().integer(opt.name());
      case DECIMAL -> a.options().decimal(opt.name());
      case BOOLEAN -> a.options().bool(opt.name());
      case STRING -> a.options().string(opt.name());
      case STRING_LIST -> a.options().strings(opt.name());
    };
  }
}
