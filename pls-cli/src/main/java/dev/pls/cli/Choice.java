package dev.pls.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/*
 * Options that take one of a fixed set of words are enums, so picocli lists the words in the
 * help (${COMPLETION-CANDIDATES}) and rejects anything else as a usage error, exit status 2. The
 * word is the constant's toString(): its name in lower case with '-' for '_'. Picocli's own enum
 * converter would also take the name itself (JSON as well as json), which pls has never accepted;
 * each enum names a Converter instead, which takes the word exactly as written.
 */
/** The words an option of a fixed set accepts, and the picocli converter that takes them. */
final class Choice {
  private Choice() {}

  /** The word a user types for {@code constant}: {@code SEAT_EXPANSION} is seat-expansion. */
  static String word(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Converts an option's value to the constant whose word it is, exactly as written. */
  abstract static class Converter<E extends Enum<E>> implements ITypeConverter<E> {
    private final List<E> constants;

    Converter(Class<E> type) {
      this.constants = List.of(type.getEnumConstants());
    }

    @Override
    public E convert(String value) {
      for (E e : constants) {
        if (e.toString().equals(value)) {
          return e;
        }
      }
      throw new TypeConversionException(
          "expected one of "
              + Arrays.toString(constants.stream().map(Object::toString).toArray())
              + " but was '"
              + value
              + "'");
    }
  }
}
