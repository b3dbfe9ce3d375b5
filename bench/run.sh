#!/usr/bin/env bash
# The status benchmark (not a test): builds Maildirs of N messages (about N/10 contacts, replies in
# several folders), serves each with a throwaway Dovecot on 127.0.0.1, and reports
#   - in one warm JVM: first `status` (empty cache) and second `status` (nothing new) as ratios of a
#     minimal client that fetches the same header fields of every message (goals: <= 4x, <= 2x);
#   - in fresh JVMs: peak RSS of `rapport status` (cold and warm cache) and of the minimal client.
# Needs root and dovecot-imapd. Usage: bench/run.sh [N...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000)
command -v dovecot >/dev/null || { echo "bench: dovecot not installed (apt-get install dovecot-imapd)" >&2; exit 2; }

. bench/classpath.sh
CLASSES=$(mktemp -d /tmp/rapport-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
CP=$(bench_classpath "$CLASSES") # benchmarks/src/e2e on a private copy of the classes
JAVA=(java -cp "$CP")

run_size() {
  local n=$1 dir url password
  dir=$(mktemp -d /tmp/rapport-bench.XXXXXX)
  # The mailbox and its Dovecot come from the test infrastructure (DovecotServer, MaildirBuilder).
  coproc SERVER { "${JAVA[@]}" dev.rapport.bench.BenchMailbox "$n"; }
  read -r url password <&"${SERVER[0]}"
  export RAPPORT_PASSWORD=$password XDG_CACHE_HOME="$dir/cache" XDG_CONFIG_HOME="$dir/config"
  echo "== $n messages"
  "${JAVA[@]}" dev.rapport.bench.StatusBenchmark "$url" minimal-once >/dev/null # let Dovecot build its indexes
  if [ "$n" -le 20000 ]; then "${JAVA[@]}" dev.rapport.bench.StatusBenchmark "$url" 7; fi
  rm -rf "$dir/cache/rapport"
  echo -n "cold cache: "; "${JAVA[@]}" dev.rapport.bench.StatusBenchmark "$url" status-once
  echo -n "warm cache: "; "${JAVA[@]}" dev.rapport.bench.StatusBenchmark "$url" status-once
  echo -n "baseline:   "; "${JAVA[@]}" dev.rapport.bench.StatusBenchmark "$url" minimal-once
  echo -n "cold cache, -Xmx256m: "; rm -rf "$dir/cache/rapport"
  java -Xmx256m -cp "$CP" dev.rapport.bench.StatusBenchmark "$url" status-once
  echo -n "warm cache, -Xmx256m: "; java -Xmx256m -cp "$CP" dev.rapport.bench.StatusBenchmark "$url" status-once
  echo -n "baseline,   -Xmx256m: "; java -Xmx256m -cp "$CP" dev.rapport.bench.StatusBenchmark "$url" minimal-once
  exec {SERVER[1]}>&- # closing its input stops the server and removes its folder
  wait "$SERVER_PID" || true
  rm -rf "$dir"
}

for n in "${SIZES[@]}"; do run_size "$n"; done
