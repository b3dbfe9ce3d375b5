/**
 * The Thunderbird bridge's native-messaging host: reads compose details framed by Thunderbird's
 * native-messaging protocol on standard input, lints them with rapport-core and answers with the
 * scorecard; plus the {@code install}/{@code uninstall} commands that register the host.
 *
 * <p>Internal to the bridge: not a library API.
 */
@NullMarked
package dev.rapport.bridge;

import org.jspecify.annotations.NullMarked;
