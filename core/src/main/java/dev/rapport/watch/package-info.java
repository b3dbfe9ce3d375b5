/**
 * Watching: keeps each account's reply-tracking picture current as mail arrives and time passes,
 * and tells listeners about every change of a contact's state. {@link dev.rapport.watch.Watcher}
 * ties {@code dev.rapport.imap} (which hears of new mail) to {@code dev.rapport.track} (which
 * decides states); the opt-in actions that write to the server (IMAP keywords, a daily digest) are
 * here too, each off unless asked for.
 */
@NullMarked
package dev.rapport.watch;

import org.jspecify.annotations.NullMarked;
