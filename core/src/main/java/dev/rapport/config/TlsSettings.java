package dev.rapport.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities an account's TLS connection trusts, from its {@code [accounts.tls]}
 * table. Host names are checked and certificates must be valid whatever is set here: nothing in
 * this table weakens verification, it only says whom to trust.
 *
 * <p>Immutable and thread-safe.
 *
 * @param caFile a PEM file of one or more CA certificates ({@code tls.caFile}), or {@code null}
 * @param trustStore a PKCS#12 or JKS trust store ({@code tls.trustStore}), or {@code null}
 * @param trustStorePasswordCommand a shell command that prints the trust store's password ({@code
 *     tls.trustStorePasswordCommand}), or {@code null} for a store read without one
 * @param trustDefaults whether the JVM's own authorities are trusted as well ({@code
 *     tls.trustDefaults}, default true); false trusts only the CAs named here
 */
public record TlsSettings(
    @Nullable Path caFile,
    @Nullable Path trustStore,
    @Nullable String trustStorePasswordCommand,
    boolean trustDefaults) {

  /** The JVM's authorities only: what an account without a {@code tls} table gets. */
  public static final TlsSettings DEFAULTS = new TlsSettings(null, null, null, true);

  /** Validates. */
  public TlsSettings {
    if (caFile != null && trustStore != null) {
      throw new IllegalArgumentException("give tls.caFile or tls.trustStore, not both");
    }
    if (trustStorePasswordCommand != null && trustStorePasswordCommand.isBlank()) {
      trustStorePasswordCommand = null;
    }
    if (trustStorePasswordCommand != null && trustStore == null) {
      throw new IllegalArgumentException("tls.trustStorePasswordCommand needs tls.trustStore");
    }
    if (!trustDefaults && caFile == null && trustStore == null) {
      throw new IllegalArgumentException(
          "tls.trustDefaults = false needs tls.caFile or tls.trustStore, or nothing would be trusted");
    }
  }

  /** Whether these are the defaults (nothing added, nothing removed). */
  public boolean isDefault() {
    return caFile == null && trustStore == null;
  }
}
