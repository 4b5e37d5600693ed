#!/bin/sh
# The pls command. Builds pls-cli/target/pls.jar with Maven on first use (and again when a
# source file or POM is newer than the jar), then runs it with the given arguments; the exit
# status is the command's own. With PLS_NO_BUILD set it never builds (the build's own tests use
# this, so that a stale jar fails them instead of starting Maven inside Maven).
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
jar="$root/pls-cli/target/pls.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root"/pls-*/pom.xml "$root"/pls-*/src/main \
    -newer "$jar" -type f -print 2>/dev/null | head -n 1)" ]
}

if stale; then
  if [ -n "${PLS_NO_BUILD:-}" ]; then
    echo "pls: pls-cli/target/pls.jar is missing or older than the sources, and PLS_NO_BUILD is set" >&2
    exit 1
  fi
  command -v mvn >/dev/null 2>&1 || {
    echo "pls: Maven (mvn) is needed to build pls-cli/target/pls.jar; install it, or build the jar elsewhere" >&2
    exit 1
  }
  echo "pls: building pls-cli/target/pls.jar ..." >&2
  # Maven's output is shown only when the build fails; on success it is noise before the command's.
  log=$(mktemp)
  if ! (cd "$root" && mvn -B -q -pl pls-cli -am package -DskipTests) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "pls: the build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
fi

command -v java >/dev/null 2>&1 || {
  echo "pls: Java 17 or later is needed to run pls" >&2
  exit 1
}
exec java -jar "$jar" "$@"
