package dev.pls.core.model;

/** What a model scores. */
public enum EntityKind {
  /** A person: scored by a product-qualified lead (PQL) model. */
  USER,
  /** A company or workspace: scored by a product-qualified account (PQA) model. */
  ACCOUNT;

  /** The name used in the rules language: {@code user} or {@code account}. */
  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
