#!/usr/bin/env bash
# Runs one of the end-to-end benchmark programs of benchmarks/src/e2e (see benchmarks/README.md) on a
# private copy of its class path. JAVA_OPTS, if set, goes to the JVM.
# Usage: bench/e2e.sh CLASS [ARGS...]   e.g. bench/e2e.sh dev.rapport.draft.MimeBoundsBenchmark 7
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/e2e.sh CLASS [ARGS...]" >&2; exit 2; }
. bench/classpath.sh
CLASSES=$(mktemp -d /tmp/rapport-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
CP=$(bench_classpath "$CLASSES")
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java ${JAVA_OPTS:-} -cp "$CP" "$@"
