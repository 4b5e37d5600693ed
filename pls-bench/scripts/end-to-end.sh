#!/bin/sh
# End to end: pls score against the same model as DuckDB SQL, over the same files.
#
#   mvn -B -q -pl pls-cli,pls-bench -am package -DskipTests   # pls.jar and benchmarks.jar
#   pls-bench/scripts/end-to-end.sh [EVENTS [DIR [SEED]]]
#
# Generates about EVENTS events (default 5000000) of the DESIGN.md sketch model as gzip JSON Lines
# with a trait file into DIR (default pls-bench/target/end-to-end; kept when they exist for the
# same EVENTS and SEED), then runs, each under /usr/bin/time -v:
#   1. pls score of the sketch model (pls-cli/target/pls.jar, default JVM heap unless
#      PLS_JAVA_OPTS says otherwise), cards as JSON Lines;
#   2. the same model as DuckDB SQL (dev.pls.bench.DuckDbCards, pls-bench/src/main/resources/
#      dev/pls/bench/sketch.sql), cards in the same format; the two card files must be equal;
#   3. pls score of the b2b-trial demo (examples/b2b-trial).
# and prints, for each, the event lines read, wall seconds, events per second (event lines / wall
# seconds, JVM start included), CPU seconds per million events (user + sys) and peak RSS. The
# as-of instant is the generated data's, 2026-11-20T12:00:00Z (events after it are read and do
# not count). Run from anywhere; paths are relative to the repository root.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
events=${1:-5000000}
dir=${2:-$root/pls-bench/target/end-to-end}
seed=${3:-1}
as_of=2026-11-20T12:00:00Z
pls_jar=$root/pls-cli/target/pls.jar
bench_jar=$root/pls-bench/target/benchmarks.jar
sketch=$root/pls-dsl/src/test/resources/dev/pls/dsl/design-sketch.pls

for jar in "$pls_jar" "$bench_jar"; do
  if [ ! -f "$jar" ]; then
    echo "end-to-end: $jar is missing; build it first:" >&2
    echo "  mvn -B -q -pl pls-cli,pls-bench -am package -DskipTests" >&2
    exit 1
  fi
done
mkdir -p "$dir"

stamp="$dir/generated-$events-$seed"
if [ ! -f "$stamp" ]; then
  rm -f "$dir"/generated-*
  java -cp "$bench_jar" dev.pls.bench.SketchEvents "$dir" "$events" "$seed"
  touch "$stamp"
fi

# measure NAME EVENT_LINES COMMAND...: runs COMMAND under /usr/bin/time -v, keeps its report.
measure() {
  name=$1
  lines=$2
  shift 2
  /usr/bin/time -v -o "$dir/$name.time" "$@" 2> "$dir/$name.stderr" > /dev/null || {
    echo "end-to-end: $name failed; see $dir/$name.stderr" >&2
    exit 1
  }
  echo "$name $lines" >> "$dir/runs"
}

# report: one line per run from the /usr/bin/time -v reports.
report() {
  printf '%-14s %12s %9s %12s %22s %14s\n' run events wall_s events/s cpu_s_per_M_events peak_rss_MB
  while read -r name lines; do
    awk -v name="$name" -v lines="$lines" '
      /User time \(seconds\)/ { user = $NF }
      /System time \(seconds\)/ { sys = $NF }
      /Elapsed \(wall clock\) time/ {
        n = split($NF, p, ":"); wall = 0
        for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
      }
      /Maximum resident set size/ { rss = $NF }
      END {
        printf "%-14s %12d %9.2f %12.0f %22.2f %14.0f\n", name, lines, wall, lines / wall,
          (user + sys) / (lines / 1e6), rss / 1024
      }' "$dir/$name.time"
  done < "$dir/runs"
}

rm -f "$dir/runs"
lines=$(gzip -dc "$dir/events.jsonl.gz" | wc -l | tr -d ' ')

# shellcheck disable=SC2086 # PLS_JAVA_OPTS is a list of JVM options
measure pls-score "$lines" java ${PLS_JAVA_OPTS:-} -jar "$pls_jar" score "$sketch" \
  --events "$dir/events.jsonl.gz" --traits "$dir/traits.jsonl" --as-of "$as_of" \
  --out "$dir/pls.jsonl"
measure duckdb "$lines" java -cp "$bench_jar" dev.pls.bench.DuckDbCards \
  "$dir/events.jsonl.gz" "$dir/traits.jsonl" "$as_of" "$dir/duckdb.jsonl"
if cmp -s "$dir/pls.jsonl" "$dir/duckdb.jsonl"; then
  echo "cards equal: $(wc -l < "$dir/pls.jsonl" | tr -d ' ') cards, pls score and DuckDB"
else
  echo "end-to-end: pls score and DuckDB cards differ: diff $dir/pls.jsonl $dir/duckdb.jsonl" >&2
  exit 1
fi

demo=$root/examples/b2b-trial
demo_lines=$(gzip -dc "$demo/events.jsonl.gz" | wc -l | tr -d ' ')
# shellcheck disable=SC2086
measure b2b-trial "$demo_lines" java ${PLS_JAVA_OPTS:-} -jar "$pls_jar" score \
  "$demo/model.pls" --events "$demo/events.jsonl.gz" --traits "$demo/traits.jsonl" \
  --as-of "$as_of" --out "$dir/b2b-trial.jsonl"

report
