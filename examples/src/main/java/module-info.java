/**
 * Examples that use Rapport as a JPMS module: compiling them on the module path checks that {@code
 * dev.rapport} exports what an application needs.
 *
 * <p>The demo ({@code dev.rapport.examples.demo}) is not an example to copy: it runs the command
 * line in-process (through {@code dev.rapport.app.Rapport}) against an embedded GreenMail server.
 */
// GreenMail ships as an automatic module (no module-info of its own); nothing here can change that.
@SuppressWarnings("requires-automatic")
module dev.rapport.examples {
  // Transitive: the exported examples take and return Rapport's types (Watcher, ImapUrl ...).
  requires transitive dev.rapport;
  requires greenmail;
  requires org.jsoup;

  exports dev.rapport.examples;
}
