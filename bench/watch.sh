#!/usr/bin/env bash
# The watch benchmark (not a test):
#   - latency: APPEND of a reply on a throwaway Dovecot -> its event on the stdout of a real
#     `rapport watch --format jsonl`, median over ROUNDS, against a bare Angus client idling on the
#     same INBOX (same APPEND); the watcher process's CPU time from each APPEND to 1.5 s later (the
#     sync of one new message; summed over its threads from /proc, JIT and GC included), against the
#     same window without mail, with the load average; then recovery after Dovecot restarts, against
#     a bare client's login;
#   - memory: EVENTS simulated state changes fed to a Watcher (contacts churning), live heap and
#     RSS every tenth of the run, the first tenth being the baseline.
# Needs root and dovecot-imapd. Usage: bench/watch.sh [ROUNDS [BACKGROUND [RESTARTS [EVENTS]]]]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}; BACKGROUND=${2:-2000}; RESTARTS=${3:-5}; EVENTS=${4:-100000}
command -v dovecot >/dev/null || { echo "bench: dovecot not installed (apt-get install dovecot-imapd)" >&2; exit 2; }

. bench/classpath.sh
CLASSES=$(mktemp -d /tmp/rapport-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
CP=$(bench_classpath "$CLASSES") # benchmarks/src/e2e on a private copy of the classes

echo "== latency, CPU per new message and recovery ($ROUNDS rounds, $BACKGROUND background messages, $RESTARTS restarts)"
java -cp "$CP" dev.rapport.bench.WatchBenchmark "$ROUNDS" "$BACKGROUND" "$RESTARTS"
echo "== memory ($EVENTS events, -Xmx256m)"
java -Xmx256m -cp "$CP" dev.rapport.watch.WatchMemoryBenchmark "$EVENTS" 500
