package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A fit × engagement grid (HubSpot's A1-C3): two category totals, each cut into bands, name the
 * card's cell, row label then column label ({@code A1}). In the language: {@code grid
 * fit_engagement rows fit {A >= 40, B >= 20, C} columns engagement {1 >= 60, 2 >= 30, 3}}.
 *
 * <p>A total falls in the first band whose cutoff it reaches ({@code >=}); the last band, which has
 * no cutoff, takes the rest. Totals are after caps and floors, as on the card. A model has at most
 * one grid; an excluded entity has no cell.
 *
 * @param name the grid's name
 * @param rows the category whose total picks the row, and its bands
 * @param columns the category whose total picks the column, and its bands
 */
public record Grid(String name, Axis rows, Axis columns) {

  public Grid {
    Names.check(name, "name");
    requireNonNull(rows, "rows");
    requireNonNull(columns, "columns");
  }

  /**
   * One band: a label and the least total in it, or no cutoff for the last band.
   *
   * @param label the label, a name or a whole number ({@code A}, {@code 1})
   * @param atLeast the cutoff, empty for the last band only
   */
  public record Band(String label, Optional<Points> atLeast) {
    public Band {
      requireNonNull(label, "label");
      if (!label.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]+")) {
        throw new IllegalArgumentException(
            "label: '" + label + "' is neither a name nor a whole number");
      }
      requireNonNull(atLeast, "atLeast");
    }

    /** A band holding the totals of at least {@code atLeast}. */
    public static Band atLeast(String label, Points atLeast) {
      return new Band(label, Optional.of(requireNonNull(atLeast, "atLeast")));
    }

    /** The last band, holding the rest. */
    public static Band rest(String label) {
      return new Band(label, Optional.empty());
    }
  }

  /**
   * A category total cut into bands, high to low.
   *
   * @param category the category whose total is cut
   * @param bands at least two; cutoffs strictly decreasing; only the last has no cutoff; labels
   *     unique
   */
  public record Axis(String category, List<Band> bands) {
    public Axis {
      requireNonNull(category, "category");
      bands = List.copyOf(requireNonNull(bands, "bands"));
      if (bands.size() < 2) {
        throw new IllegalArgumentException(
            "bands: an axis needs at least two bands, the last one the rest; got " + bands.size());
      }
      Set<String> labels = new HashSet<>();
      Points previous = null;
      for (int i = 0; i < bands.size(); i++) {
        Band b = bands.get(i);
        if (!labels.add(b.label())) {
          throw new IllegalArgumentException("bands: label '" + b.label() + "' is used twice");
        }
        boolean last = i == bands.size() - 1;
        if (last && b.atLeast().isPresent()) {
          throw new IllegalArgumentException(
              "bands: the last band '" + b.label() + "' takes the rest and has no cutoff");
        }
        if (!last && b.atLeast().isEmpty()) {
          throw new IllegalArgumentException(
              "bands: band '" + b.label() + "' needs a cutoff; only the last band takes the rest");
        }
        if (!last) {
          Points cut = b.atLeast().get();
          if (previous != null && cut.compareTo(previous) >= 0) {
            throw new IllegalArgumentException(
                "bands: cutoffs go high to low, but band '"
                    + b.label()
                    + "' (>= "
                    + cut
                    + ") is not below the band before it (>= "
                    + previous
                    + ")");
          }
          previous = cut;
        }
      }
    }

    /** The label of the band {@code total} falls in. */
    public String band(Points total) {
      requireNonNull(total, "total");
      for (Band b : bands) {
        if (b.atLeast().isEmpty() || total.compareTo(b.atLeast().get()) >= 0) {
          return b.label();
        }
      }
      throw new AssertionError("the last band takes the rest");
    }
  }

  /** Every cell of the grid, row by row, each row's in column order ({@code A1, A2, ..., C3}). */
  public List<String> cells() {
    List<String> cells = new ArrayList<>();
    for (Band r : rows.bands()) {
      for (Band c : columns.bands()) {
        cells.add(r.label() + c.label());
      }
    }
    return List.copyOf(cells);
  }

  /** The cell of an entity whose category totals are given by {@code totalOf}: row then column. */
  public String cell(Function<String, Points> totalOf) {
    requireNonNull(totalOf, "totalOf");
    return rows.band(totalOf.apply(rows.category()))
        + columns.band(totalOf.apply(columns.category()));
  }
}
