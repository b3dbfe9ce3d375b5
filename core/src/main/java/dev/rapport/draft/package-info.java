/**
 * A drafted email as Rapport reads it: parsed from {@code .eml}, HTML or plain text, split into
 * greeting, body, closing, signature and the parts the writer did not write now (quoted replies,
 * forwarded messages), with a map from every offset back to the original file.
 *
 * <p>Start with {@link dev.rapport.draft.Drafts}.
 */
@NullMarked
package dev.rapport.draft;

import org.jspecify.annotations.NullMarked;
