package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * `pls score m.pls --events ev.jsonl --out ev.jsonl` used to replace the events with cards, and
 * `--events a.jsonl --events ./a.jsonl` counted every event twice. Both are caught here, before
 * any file is opened, by asking whether two of a command's file options name the same file.
 *
 * "The same file" is decided the way the file system decides it, not by spelling:
 * - a file that exists is known by its file key (device and inode on POSIX), which sees through
 *   symbolic links, hard links, `./` and `..`, and the case-folding of case-insensitive file
 *   systems; where a file system has no file key, by its real path (Path.toRealPath);
 * - a file that does not exist yet (an output about to be created) by the real path of its
 *   directory plus its name, so `out.jsonl` and `./sub/../out.jsonl` collide too.
 * Existing files that are neither regular files nor directories (/dev/null, /dev/stdout, pipes)
 * are left out: writing two outputs to /dev/null destroys nothing.
 *
 * Files are keyed in a map, so a command line of thousands of event files costs one look-up each.
 */
/** Finds two file options of a command that name the same file, before any is opened. */
public final class SameFiles {
  private SameFiles() {}

  /**
   * A file named by a command-line option.
   *
   * @param option the option, e.g. {@code --out}, or the parameter's label, e.g. {@code MODEL}
   * @param path the file as the user gave it
   */
  public record Named(String option, Path path) {
    public Named {
      requireNonNull(option, "option");
      requireNonNull(path, "path");
    }
  }

  /**
   * Two options naming one file.
   *
   * @param first the one named earlier in the list given to {@link #find}
   * @param second the one named later
   */
  public record Collision(Named first, Named second) {
    public Collision {
      requireNonNull(first, "first");
      requireNonNull(second, "second");
    }

    /**
     * What a user reads: {@code --out and --events name the same file: ev.jsonl}, the later option
     * first (usually the output that would have destroyed the input).
     */
    public String message() {
      String a = second.path.toString();
      String b = first.path.toString();
      if (first.option.equals(second.option)) {
        return second.option + " names the same file twice: " + (a.equals(b) ? a : b + " and " + a);
      }
      return a.equals(b)
          ? second.option + " and " + first.option + " name the same file: " + a
          : second.option + " (" + a + ") and " + first.option + " (" + b + ") name the same file";
    }
  }

  /**
   * The first pair of {@code files} that name the same file, in list order of the later one.
   *
   * @throws NullPointerException if {@code files} or one of them is null
   */
  public static Optional<Collision> find(List<Named> files) {
    Map<Object, Named> seen = new HashMap<>();
    for (Named f : List.copyOf(requireNonNull(files, "files"))) {
      Optional<Object> key = key(f.path);
      if (key.isEmpty()) {
        continue;
      }
      Named earlier = seen.putIfAbsent(key.get(), f);
      if (earlier != null) {
        return Optional.of(new Collision(earlier, f));
      }
    }
    return Optional.empty();
  }

  /** What identifies the file {@code path} names; empty for devices and pipes. */
  private static Optional<Object> key(Path path) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(notYetThere(path));
    }
    if (!attributes.isRegularFile() && !attributes.isDirectory()) {
      return Optional.empty();
    }
    Object fileKey = attributes.fileKey();
    if (fileKey != null) {
      return Optional.of(fileKey);
    }
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException e) {
      return Optional.of(notYetThere(path));
    }
  }

  /**
   * A file that does not exist (or cannot be looked at): its directory's real path and its name; a
   * dangling link is followed to where it points, as writing through it would.
   */
  private static Path notYetThere(Path path) {
    Path p = path;
    try {
      for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
        Path to = Files.readSymbolicLink(p);
        Path dir = p.toAbsolutePath().getParent();
        p = dir == null ? to : dir.resolve(to);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a link after all, or unreadable: take the path as given.
    }
    Path absolute = p.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (dir != null && Files.isDirectory(dir, LinkOption.values())) {
      try {
        return dir.toRealPath().resolve(absolute.getFileName());
      } catch (IOException e) {
        // Fall back to the normalised spelling below.
      }
    }
    return absolute;
  }
}
