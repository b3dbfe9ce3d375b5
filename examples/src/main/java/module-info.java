/**
 * Examples that use Rapport as a JPMS module: compiling them on the module path checks that
 * {@code dev.rapport} exports what an application needs.
 */
module dev.rapport.examples {
  requires dev.rapport;

  exports dev.rapport.examples;
}
