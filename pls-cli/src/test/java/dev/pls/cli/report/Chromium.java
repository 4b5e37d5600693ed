package dev.pls.cli.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A headless Chromium run on one local page: the DOM after the page loaded ({@code --dump-dom}) and
 * every console message, which Chromium writes to stderr with {@code --enable-logging=stderr} as
 * {@code INFO:CONSOLE...] "message", source: ...} (an uncaught exception and a resource blocked by
 * the page's Content-Security-Policy included). The report has no script, so any console message at
 * all is a fault.
 */
final class Chromium {
  private Chromium() {}

  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE|Uncaught");
  private static final long TIMEOUT_SECONDS = 120;

  /** What the browser made of a page. */
  record Rendered(String dom, List<String> console, String stderr) {}

  /** Debian's {@code chromium} (or {@code chromium-browser}) on the PATH, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Opens {@code page} offline in a fresh profile under {@code work} and returns what it shows. */
  static Rendered render(Path chromium, Path page, Path work)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    Path out = work.resolve("dom.html");
    Path err = work.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox", // we may run as root, where the sandbox refuses to start
                "--disable-gpu",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Nothing resolves: the page must not need a network, and must not reach one.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.toUri().toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + p.exitValue() + ":\n" + stderr);
    }
    List<String> console = stderr.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
    return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console, stderr);
  }
}
