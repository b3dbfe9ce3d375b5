/**
 * Turns a configured account into what IMAP needs to open it, for the command line, the watcher and
 * the Thunderbird host alike. Not API: the module does not export this package, and it may change
 * in any release.
 */
@NullMarked
package dev.rapport.connect;

import org.jspecify.annotations.NullMarked;
