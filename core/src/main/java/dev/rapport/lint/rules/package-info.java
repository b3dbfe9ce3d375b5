/** The built-in rules: one small class each, with its own examples. Internal. */
@NullMarked
package dev.rapport.lint.rules;

import org.jspecify.annotations.NullMarked;
