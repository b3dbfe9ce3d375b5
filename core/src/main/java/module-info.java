/**
 * Rapport: scores drafted outreach email and tracks reply threads over IMAP.
 *
 * <p>Exported API: {@code dev.rapport.draft} (parse a draft), {@code dev.rapport.lint} (rules,
 * scorecards), {@code dev.rapport.track} (reply tracking policy), {@code dev.rapport.imap} (IMAP
 * sync and watching), {@code dev.rapport.watch} (state-change events as mail arrives), {@code
 * dev.rapport.config} (the TOML configuration) and {@code dev.rapport.app} (the command line, run
 * in-process). The built-in rules and the command line's own classes are internal.
 */
module dev.rapport {
  requires transitive jakarta.mail;
  requires org.eclipse.angus.mail;
  requires org.jsoup;
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.toml;
  requires static transitive org.jspecify;
  requires static info.picocli;

  exports dev.rapport.draft;
  exports dev.rapport.lint;
  exports dev.rapport.track;
  exports dev.rapport.imap;
  exports dev.rapport.watch;
  exports dev.rapport.config;
  exports dev.rapport.app;

  opens dev.rapport.cli to
      info.picocli;

  uses dev.rapport.lint.Rule;
}
