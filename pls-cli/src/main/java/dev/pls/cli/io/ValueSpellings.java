package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/*
 * How an export writes missing values and booleans. CRM and warehouse exports say "Select" or "NA"
 * for a field nobody filled in and "Yes"/"No" or "t"/"f" for booleans; before, each needed a
 * cleaning script, or every such record was a wrong_type reject and every "NA" a string that no
 * rule meant.
 *
 * A missing spelling makes a trait or property value absent, whatever its type, as an empty CSV
 * cell is (an empty CSV cell is always absent; the empty spelling is for JSON's ""). True and false
 * spellings make a value a boolean only where the model declares a boolean (a bool trait, or a
 * property its rules compare with true or false): "Yes" stays a string in a free-text column.
 * Spellings are matched exactly, case and all, on the text as the file has it: a CSV cell, or a
 * JSON string (a JSON number or boolean is never respelt). By default the true and false spellings
 * are today's, "true" and "false" in a CSV cell (JSON's own true and false are always booleans,
 * and its strings are respelt as booleans only once --true or --false is given, so a JSON "true"
 * for a bool trait stays wrong_type by default, as before). Ids, event names and
 * times are not values and are never respelt.
 */
/** Which texts of an input mean a missing value, true or false. Immutable. */
public final class ValueSpellings {
  private static final ValueSpellings DEFAULTS =
      new ValueSpellings(Set.of(), Set.of("true"), Set.of("false"), false);

  private final Set<String> missing;
  private final Set<String> trues;
  private final Set<String> falses;
  private final boolean booleansGiven;

  private ValueSpellings(
      Set<String> missing, Set<String> trues, Set<String> falses, boolean booleansGiven) {
    this.missing = missing;
    this.trues = trues;
    this.falses = falses;
    this.booleansGiven = booleansGiven;
  }

  /** As before spellings existed: an empty CSV cell is missing; true and false are booleans. */
  public static ValueSpellings defaults() {
    return DEFAULTS;
  }

  /**
   * Spellings for an input.
   *
   * @param missing texts meaning a missing value ({@code ""} for the empty string)
   * @param trues texts meaning true where a boolean is declared; empty for the default, "true"
   * @param falses texts meaning false where a boolean is declared; empty for the default, "false"
   * @throws IllegalArgumentException naming the text that two lists share
   */
  public static ValueSpellings of(List<String> missing, List<String> trues, List<String> falses) {
    Set<String> m = new LinkedHashSet<>(requireNonNull(missing, "missing"));
    Set<String> t =
        requireNonNull(trues, "trues").isEmpty() ? DEFAULTS.trues : new LinkedHashSet<>(trues);
    Set<String> f =
        requireNonNull(falses, "falses").isEmpty() ? DEFAULTS.falses : new LinkedHashSet<>(falses);
    both(t, f, "--true", "--false");
    both(m, t, "--missing", "--true");
    both(m, f, "--missing", "--false");
    return new ValueSpellings(
        Set.copyOf(m), Set.copyOf(t), Set.copyOf(f), !trues.isEmpty() || !falses.isEmpty());
  }

  private static void both(Set<String> a, Set<String> b, String aName, String bName) {
    List<String> shared = new ArrayList<>();
    for (String s : a) {
      if (b.contains(s)) {
        shared.add('\'' + s + '\'');
      }
    }
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException(
          String.join(", ", shared)
              + (shared.size() == 1 ? " is" : " are")
              + " in both "
              + aName
              + " and "
              + bName
              + "; a spelling means one thing");
    }
  }

  /**
   * Splits an option's comma list: {@code "Select,NA,"} is Select, NA and the empty string. An
   * empty option is the empty string alone.
   */
  public static List<String> list(String option) {
    return List.of(requireNonNull(option, "option").split(",", -1));
  }

  /** Whether {@code text} means a missing value. */
  boolean isMissing(String text) {
    return missing.contains(text);
  }

  /** The boolean a CSV cell spells, if it spells one. */
  Optional<Value> bool(String text) {
    if (trues.contains(text)) {
      return Optional.of(Value.bool(true));
    }
    if (falses.contains(text)) {
      return Optional.of(Value.bool(false));
    }
    return Optional.empty();
  }

  /** The boolean a JSON string spells, if it spells one: only once --true or --false is given. */
  Optional<Value> jsonBool(String text) {
    return booleansGiven ? bool(text) : Optional.empty();
  }
}
