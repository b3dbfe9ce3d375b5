/** The command line as a library call: {@link dev.rapport.app.Rapport#run}. */
@NullMarked
package dev.rapport.app;

import org.jspecify.annotations.NullMarked;
