/**
 * Scores a {@link dev.rapport.draft.Draft} on brevity, specificity, personalization and visa-status
 * transparency, with findings a writer can act on.
 *
 * <p>Start with {@link dev.rapport.lint.Linter}. Write your own rules by implementing {@link
 * dev.rapport.lint.Rule}.
 */
@NullMarked
package dev.rapport.lint;

import org.jspecify.annotations.NullMarked;
