/**
 * Real-server test infrastructure for IMAP code: a throwaway {@link
 * dev.rapport.testing.DovecotServer} (SPECIAL-USE, CONDSTORE/QRESYNC, IDLE, TLS), a throwaway
 * {@link dev.rapport.testing.CourierServer} (no SPECIAL-USE; a UIDVALIDITY that will not hold
 * still), a fast {@link dev.rapport.testing.MaildirBuilder} for large mailboxes, an in-process
 * {@link dev.rapport.testing.GreenMailServer}, a {@link dev.rapport.testing.Mail} factory for
 * realistic and broken messages, {@link dev.rapport.testing.Imap} for APPEND with a chosen
 * INTERNALDATE, and a {@link dev.rapport.testing.FaultyProxy} that cuts or stalls connections.
 *
 * <p>Published in {@code rapport-core}'s test jar (a module using {@code GreenMailServer} also
 * needs {@code com.icegreen:greenmail} as a test dependency). Every server listens on 127.0.0.1
 * only; every Angus Mail session these helpers make has connect, read and write timeouts.
 */
@NullMarked
package dev.rapport.testing;

import org.jspecify.annotations.NullMarked;
