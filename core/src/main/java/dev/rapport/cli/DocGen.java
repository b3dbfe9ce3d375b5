package dev.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes, at package time, the man pages and the shell completion of the distribution from the
 * picocli model of the command line itself (core/pom.xml, execution {@code docs}), so they can
 * never disagree with {@code --help}. Not part of the command line; not thread-safe.
 *
 * <p>{@code man/man1/rapport.1} and {@code man/man1/rapport-COMMAND.1} are written directly in roff
 * (picocli's own ManPageGenerator writes AsciiDoc, which would need Asciidoctor in the build);
 * {@code completion/rapport.bash} is picocli's AutoComplete script; {@code completion/_rapport} is
 * a native zsh completion function written here from the same model.
 */
final class DocGen {
  private DocGen() {}

  /** Writes the pages and the completion script under {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DocGen OUTPUT_FOLDER");
      System.exit(Main.USAGE);
    }
    Path root = Path.of(args[0]);
    CommandLine cl = Main.allCommands(InputStream.nullInputStream(), Map.of());
    Path man = Files.createDirectories(root.resolve("man/man1"));
    String version = new Main.Version().getVersion()[0];
    List<String> subs = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        subs.add(e.getKey());
        Files.writeString(
            man.resolve("rapport-" + e.getKey() + ".1"),
            page(e.getValue().getCommandSpec(), version, List.of()),
            StandardCharsets.UTF_8);
      }
    }
    Files.writeString(
        man.resolve("rapport.1"), page(cl.getCommandSpec(), version, subs), StandardCharsets.UTF_8);
    Path completion = Files.createDirectories(root.resolve("completion"));
    Files.writeString(
        completion.resolve("rapport.bash"),
        AutoComplete.bash("rapport", cl),
        StandardCharsets.UTF_8);
    Files.writeString(completion.resolve("_rapport"), zsh(cl), StandardCharsets.UTF_8);
  }

  /**
   * A native zsh completion function ({@code _rapport}, for a folder on {@code $fpath}): commands
   * with their first sentence, each command's options with their descriptions and values (the
   * choices of an enum, files for a path), files for FILE arguments and commands for sendmail's
   * COMMAND.
   */
  static String zsh(CommandLine cl) {
    StringBuilder b = new StringBuilder();
    b.append("#compdef rapport\n");
    b.append(
        "# Generated from the picocli model of rapport by dev.rapport.cli.DocGen; do not edit.\n\n");
    b.append("_rapport() {\n  local -a commands\n  commands=(\n");
    List<String> subs = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      subs.add(e.getKey());
      String[] d = e.getValue().getCommandSpec().usageMessage().description();
      b.append("    ")
          .append(
              quote(
                  e.getKey() + ":" + firstSentence(d.length == 0 ? "" : d[0]).replace(":", "\\:")))
          .append('\n');
    }
    b.append(
            "  )\n  if (( CURRENT == 2 )); then\n    _describe -t commands 'rapport command' commands\n")
        .append("    _arguments -s ")
        .append(options(cl.getCommandSpec()))
        .append("\n    return\n  fi\n");
    b.append(
        "  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  curcontext=\"${curcontext%:*:*}:rapport-$cmd:\"\n");
    b.append("  case $cmd in\n");
    for (String s : subs) {
      CommandSpec spec = cl.getSubcommands().get(s).getCommandSpec();
      b.append("    ").append(s).append(")\n      _arguments -s -S ").append(options(spec));
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (p.hidden()) {
          continue;
        }
        String label = p.paramLabel().replaceAll("[<>]", "");
        String action =
            label.equals("COMMAND")
                ? "_command_names -e"
                : isPath(p.type(), p.auxiliaryTypes()) || label.equals("FILE") ? "_files" : " ";
        b.append(" \\\n        ")
            .append(quote((p.arity().max() > 1 ? "*" : "") + ":" + label + ":" + action));
      }
      b.append("\n      ;;\n");
    }
    b.append("  esac\n}\n\n_rapport \"$@\"\n");
    return b.toString();
  }

  private static String options(CommandSpec spec) {
    StringBuilder b = new StringBuilder();
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      String help = o.description().length == 0 ? "" : firstSentence(o.description()[0]);
      help = help.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:");
      for (String name : o.names()) {
        StringBuilder spec1 = new StringBuilder();
        if (o.isMultiValue()) {
          spec1.append('*');
        }
        boolean takes = !(o.typeInfo().isBoolean() || o.arity().max() == 0);
        spec1.append(name);
        if (takes && name.startsWith("--")) {
          spec1.append(o.arity().min() == 0 ? "=-" : "=");
        }
        spec1.append('[').append(help).append(']');
        if (takes) {
          String label = o.paramLabel().replaceAll("[<>]", "").replace(":", "\\:");
          spec1
              .append(o.arity().min() == 0 ? "::" : ":")
              .append(label)
              .append(':')
              .append(action(o));
        }
        b.append(" \\\n        ").append(quote(spec1.toString()));
      }
    }
    return b.toString();
  }

  private static String action(OptionSpec o) {
    Iterable<String> choices = o.completionCandidates();
    if (choices != null && choices.iterator().hasNext()) {
      List<String> c = new ArrayList<>();
      choices.forEach(c::add);
      return "(" + String.join(" ", c) + ")";
    }
    return isPath(o.type(), o.auxiliaryTypes()) ? "_files" : " ";
  }

  private static boolean isPath(Class<?> type, Class<?>[] aux) {
    if (type == Path.class || type == java.io.File.class) {
      return true;
    }
    for (Class<?> a : aux) {
      if (a == Path.class || a == java.io.File.class) {
        return true;
      }
    }
    return false;
  }

  /** A word in single quotes, for zsh. */
  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** One man page in roff, section 1. */
  static String page(CommandSpec spec, String version, List<String> subcommands) {
    String name = spec.qualifiedName("-");
    String[] description = spec.usageMessage().description();
    StringBuilder b = new StringBuilder();
    b.append(
        ".\\\" Generated from the picocli model of rapport by dev.rapport.cli.DocGen; do not edit.\n");
    b.append(".TH ")
        .append(name.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-"))
        .append(" 1 \"\" \"")
        .append(escape(version))
        .append("\" \"Rapport Manual\"\n");
    b.append(".SH NAME\n")
        .append(escape(name))
        .append(" \\- ")
        .append(escape(description.length == 0 ? "" : firstSentence(description[0])))
        .append('\n');
    b.append(".SH SYNOPSIS\n.nf\n");
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    b.append(escape(help.synopsis(0).stripTrailing())).append("\n.fi\n");
    b.append(".SH DESCRIPTION\n");
    for (String d : description) {
      b.append(d.isBlank() ? ".PP\n" : escape(d) + "\n");
    }
    if (!subcommands.isEmpty()) {
      b.append(".SH COMMANDS\n");
      for (String s : subcommands) {
        CommandSpec sub = spec.subcommands().get(s).getCommandSpec();
        String[] d = sub.usageMessage().description();
        b.append(".TP\n\\fB")
            .append(escape(s))
            .append("\\fR\n")
            .append(escape(d.length == 0 ? "" : d[0]))
            .append("\nSee \\fBrapport\\-")
            .append(escape(s))
            .append("\\fR(1).\n");
      }
    }
    if (!spec.options().isEmpty()) {
      b.append(".SH OPTIONS\n");
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        b.append(".TP\n").append(optionLabel(o)).append('\n');
        for (String d : o.description()) {
          b.append(escape(d)).append('\n');
        }
      }
    }
    if (!spec.positionalParameters().isEmpty()) {
      b.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (p.hidden()) {
          continue;
        }
        b.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
        for (String d : p.description()) {
          b.append(escape(d)).append('\n');
        }
      }
    }
    Map<String, String> codes = spec.usageMessage().exitCodeList();
    if (!codes.isEmpty()) {
      b.append(".SH EXIT STATUS\n");
      for (Map.Entry<String, String> c : codes.entrySet()) {
        b.append(".TP\n\\fB")
            .append(escape(c.getKey().strip()))
            .append("\\fR\n")
            .append(escape(c.getValue()))
            .append('\n');
      }
    }
    b.append(
            ".SH ENVIRONMENT\n.TP\n\\fBRAPPORT_CONFIG\\fR\nThe configuration file, when \\fB\\-\\-config\\fR is not given.\n")
        .append(
            ".TP\n\\fBRAPPORT_PASSWORD\\fR\nThe IMAP password, when the account has no passwordCommand.\n")
        .append(".TP\n\\fBRAPPORT_DEBUG\\fR\nSet to print a stack trace with an internal error.\n");
    b.append(".SH SEE ALSO\n");
    if (subcommands.isEmpty()) {
      b.append("\\fBrapport\\fR(1)\n");
    } else {
      List<String> refs = new ArrayList<>();
      for (String s : subcommands) {
        refs.add("\\fBrapport\\-" + escape(s) + "\\fR(1)");
      }
      b.append(String.join(", ", refs)).append('\n');
    }
    return b.toString();
  }

  private static String optionLabel(OptionSpec o) {
    StringBuilder b = new StringBuilder();
    for (String n : o.names()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append("\\fB").append(escape(n)).append("\\fR");
    }
    if (o.typeInfo().isBoolean() || o.arity().max() == 0) {
      return b.toString();
    }
    String label = "\\fI" + escape(o.paramLabel()) + "\\fR";
    return b + (o.arity().min() == 0 ? "[=" + label + "]" : "=" + label);
  }

  private static String firstSentence(String s) {
    int dot = s.indexOf(". ");
    return (dot < 0 ? s : s.substring(0, dot + 1)).replaceAll("\\.$", "");
  }

  /**
   * Escapes text for roff: backslashes, hyphens (as minus signs) and control words at a line start.
   */
  static String escape(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder b = new StringBuilder();
    for (String line : t.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    return b.toString();
  }
}
