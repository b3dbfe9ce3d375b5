/**
 * Examples that use Rapport as a JPMS module: compiling them on the module path checks that
 * {@code dev.rapport} exports what an application needs.
 *
 * <p>The demo ({@code dev.rapport.examples.demo}) is not an example to copy: it runs the command
 * line in-process (through {@code dev.rapport.app.Rapport}) against an embedded GreenMail server.
 */
module dev.rapport.examples {
  requires dev.rapport;
  requires greenmail;

  exports dev.rapport.examples;
}
