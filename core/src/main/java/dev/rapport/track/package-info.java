/**
 * Reply tracking: which contacts answered, who is due a follow-up, when to move on. Pure policy
 * over message header summaries; no I/O.
 */
@NullMarked
package dev.rapport.track;

import org.jspecify.annotations.NullMarked;
