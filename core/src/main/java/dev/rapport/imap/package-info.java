/**
 * IMAP access for tracking: connects safely (TLS verified, plaintext only to loopback), finds the
 * folders by SPECIAL-USE, reads header summaries read-only and incrementally, and hands them to
 * {@code dev.rapport.track}, which decides. This package speaks IMAP; it decides nothing.
 */
@NullMarked
package dev.rapport.imap;

import org.jspecify.annotations.NullMarked;
