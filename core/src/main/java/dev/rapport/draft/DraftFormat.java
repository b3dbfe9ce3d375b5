package dev.rapport.draft;

/** The form a draft arrived in. */
public enum DraftFormat {
  /** An RFC 5322 message ({@code .eml}), possibly MIME multipart. */
  EML,
  /** An HTML document or fragment; findings point into its visible text. */
  HTML,
  /** Plain text. */
  TEXT
}
