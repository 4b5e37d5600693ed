package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The free-mail domains: a user whose e-mail domain is one of them is not mapped to an account by
 * that domain. Domains are compared in lower case.
 *
 * <p>The built-in list is {@code dev/pls/cli/io/freemail.txt}; a file in the same format (one
 * domain per line, {@code #} comments, blank lines ignored) replaces it. Immutable.
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
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exactly these domains. */
  public static FreeMail of(Collection<String> domains) {
    SortedSet<String> set = new TreeSet<>();
    for (String d : requireNonNull(domains, "domains")) {
      set.add(normalise(requireNonNull(d, "domains element")));
    }
    return new FreeMail(set);
  }

  /**
   * The domains listed in a file.
   *
   * @throws IOException if the file cannot be read
   */
  public static FreeMail load(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(requireNonNull(file, "file"))) {
      return parse(in);
    }
  }

  private static FreeMail parse(BufferedReader in) throws IOException {
    SortedSet<String> set = new TreeSet<>();
    String line;
    while ((line = in.readLine()) != null) {
      int hash = line.indexOf('#');
      String d = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!d.isEmpty()) {
        set.add(normalise(d));
      }
    }
    return new FreeMail(set);
  }

  static String normalise(String domain) {
    return domain.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code domain} (in any case) is a free-mail domain. */
  public boolean contains(String domain) {
    return domains.contains(normalise(requireNonNull(domain, "domain")));
  }

  /** The domains, sorted. */
  public SortedSet<String> domains() {
    return domains;
  }
}
