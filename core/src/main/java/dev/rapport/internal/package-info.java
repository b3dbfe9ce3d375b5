/**
 * Helpers shared by several of Rapport's packages. Not API: the module does not export this
 * package, and it may change in any release.
 */
@NullMarked
package dev.rapport.internal;

import org.jspecify.annotations.NullMarked;
