/**
 * Internal: the phrase engine the rules and the ask detector search drafts with (regular
 * expressions found together in one pass, with a trie of their literal prefixes). Not exported.
 */
@NullMarked
package dev.rapport.internal.phrase;

import org.jspecify.annotations.NullMarked;
