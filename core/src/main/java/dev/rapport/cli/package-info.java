/** The {@code rapport} command line: thin picocli adapters over the library. Internal. */
@NullMarked
package dev.rapport.cli;

import org.jspecify.annotations.NullMarked;
