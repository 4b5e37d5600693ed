package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.EntityKind;
import java.util.Optional;

/**
 * Which field of a trait record names the entity: by default a {@code user} or an {@code account}
 * field (one of the two per record), or a column the user names: {@code user=object_id}.
 *
 * <p>Immutable.
 */
public final class TraitKey {
  private static final TraitKey DEFAULT = new TraitKey(null, null);

  private final EntityKind kind;
  private final String field;

  private TraitKey(EntityKind kind, String field) {
    this.kind = kind;
    this.field = field;
  }

  /** A {@code user} or an {@code account} field keys each record. */
  public static TraitKey defaults() {
    return DEFAULT;
  }

  /**
   * Parses {@code user=FIELD} or {@code account=FIELD}.
   *
   * @throws IllegalArgumentException if {@code spec} is neither
   */
  public static TraitKey parse(String spec) {
    requireNonNull(spec, "spec");
    int eq = spec.indexOf('=');
    String kind = eq < 0 ? spec : spec.substring(0, eq).strip();
    String field = eq < 0 ? "" : spec.substring(eq + 1).strip();
    if (!(kind.equals("user") || kind.equals("account")) || field.isEmpty()) {
      throw new IllegalArgumentException("spec: '" + spec + "' is not user=FIELD or account=FIELD");
    }
    return new TraitKey(kind.equals("user") ? EntityKind.USER : EntityKind.ACCOUNT, field);
  }

  /** The kind of entity keyed, when this key names one. */
  Optional<EntityKind> kind() {
    return Optional.ofNullable(kind);
  }

  /** The keying field, when this key names one. */
  Optional<String> field() {
    return Optional.ofNullable(field);
  }

  @Override
  public String toString() {
    return kind == null ? "user|account" : kind.displayName() + "=" + field;
  }
}
