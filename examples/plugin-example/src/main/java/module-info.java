/**
 * An example Rapport rule plugin. Loaded from the module path or a plugin folder, Rapport finds the
 * rule through {@code provides}; from a class path, through {@code META-INF/services}.
 */
module com.acme.rapport {
  requires dev.rapport;

  provides dev.rapport.lint.Rule with
      com.acme.rapport.NoEmoji;
}
