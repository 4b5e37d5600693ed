package dev.pls.dsl.internal;

import dev.pls.core.model.Grid;
import dev.pls.core.model.Points;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The fit × engagement grid: at most one per model, its axes name declared categories (PLS0201
 * with the closest name), and each axis's bands go high to low, labels unique, the last one the
 * rest (PLS0409). Lowered to the core Grid, whose own checks then never fail.
 */
final class GridChecks {
  private final Env env;
  private final Reporter reporter;

  GridChecks(Env env) {
    this.env = env;
    this.reporter = env.reporter();
  }

  /** The model's grid, empty when it has none or it has errors (reported). */
  Optional<Grid> run() {
    List<Ast.GridDecl> grids = env.file().grids();
    for (int i = 1; i < grids.size(); i++) {
      reporter.error(
          Code.PLS0409,
          grids.get(i).name().span(),
          "the model already has grid '"
              + grids.get(0).name().name()
              + "' on line "
              + grids.get(0).span().line()
              + "; a model has at most one grid");
    }
    if (grids.isEmpty()) {
      return Optional.empty();
    }
    Ast.GridDecl g = grids.get(0);
    Optional<Grid.Axis> rows = axis(g.rows(), g.name().name());
    Optional<Grid.Axis> columns = axis(g.columns(), g.name().name());
    if (rows.isEmpty() || columns.isEmpty() || grids.size() > 1) {
      return Optional.empty();
    }
    return Optional.of(new Grid(g.name().name(), rows.get(), columns.get()));
  }

  private Optional<Grid.Axis> axis(Ast.GridAxis a, String grid) {
    boolean ok = true;
    String name = a.category().name();
    List<String> categories = env.file().categories().stream().map(c -> c.name().name()).toList();
    if (!categories.contains(name)) {
      reporter.error(
          Code.PLS0201,
          a.category().span(),
          "unknown category '"
              + name
              + "' in grid '"
              + grid
              + "'"
              + Names.didYouMean(reporter, name, categories));
      ok = false;
    }
    List<Grid.Band> bands = new ArrayList<>();
    Map<String, Ast.GridBand> labels = new HashMap<>();
    Points previous = null;
    for (int i = 0; i < a.bands().size(); i++) {
      Ast.GridBand b = a.bands().get(i);
      boolean last = i == a.bands().size() - 1;
      if (!b.label().matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]+")) {
        reporter.error(
            Code.PLS0409,
            b.span(),
            "band label '" + b.label() + "' is neither a name nor a whole number");
        ok = false;
        continue;
      }
      if (labels.putIfAbsent(b.label(), b) != null) {
        reporter.error(
            Code.PLS0409,
            b.span(),
            "band '"
                + b.label()
                + "' is already used on line "
                + labels.get(b.label()).span().line()
                + "; the labels of an axis are unique");
        ok = false;
      }
      if (last) {
        if (b.atLeast().isPresent()) {
          reporter.error(
              Code.PLS0409,
              b.span(),
              "the last band '"
                  + b.label()
                  + "' takes the rest; write it without a cutoff, and add a band after it if"
                  + " needed");
          ok = false;
        } else if (a.bands().size() < 2) {
          reporter.error(
              Code.PLS0409, b.span(), "an axis needs at least two bands, the last one the rest");
          ok = false;
        } else {
          bands.add(Grid.Band.rest(b.label()));
        }
        continue;
      }
      if (b.atLeast().isEmpty()) {
        reporter.error(
            Code.PLS0409,
            b.span(),
            "band '"
                + b.label()
                + "' needs a cutoff ('"
                + b.label()
                + " >= 10'); only the last band takes the rest");
        ok = false;
        continue;
      }
      Optional<Points> cut = env.points(b.atLeast().get(), "cutoff");
      if (cut.isEmpty()) {
        ok = false;
        continue;
      }
      if (previous != null && cut.get().compareTo(previous) >= 0) {
        reporter.error(
            Code.PLS0409,
            b.atLeast().get().span(),
            "bands go high to low, but band '"
                + b.label()
                + "' (>= "
                + cut.get()
                + ") is not below the band before it (>= "
                + previous
                + ")");
        ok = false;
      }
      previous = cut.get();
      bands.add(Grid.Band.atLeast(b.label(), cut.get()));
    }
    return ok ? Optional.of(new Grid.Axis(name, bands)) : Optional.empty();
  }
}
