/**
 * Rapport's configuration: the sender profile, rule settings, known contacts, tracking thresholds
 * and IMAP accounts, read from a TOML file ({@code ~/.config/rapport/rapport.toml} by default).
 */
@NullMarked
package dev.rapport.config;

import org.jspecify.annotations.NullMarked;
