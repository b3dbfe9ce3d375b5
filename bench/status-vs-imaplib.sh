#!/usr/bin/env bash
# Issue 14's benchmark (not a test), all figures in one run. For each size N (default 10000 100000;
# about N/10 contacts, built by BenchMailbox into a throwaway Dovecot on 127.0.0.1) it prints medians
# of ROUNDS (default 5) of:
#   - the baseline: bench/imaplib_client.py (login, every folder, UID FETCH 1:* of UID INTERNALDATE
#     FLAGS and the header fields Rapport reads);
#   - `bin/rapport status` on a cold cache (cache removed before each run) and with nothing changed;
# wall time, CPU (user+sys) and peak RSS from /usr/bin/time, ratios to the baseline, and for the
# second and later sizes the ratios to the first. Then `watch` (WatchBenchmark): the latency of an
# appended reply and the CPU the watcher process spends on it (its sync), with the load average then.
# The load average is also printed at the start and the end.
# Needs root, dovecot-imapd, python3. Usage: bench/status-vs-imaplib.sh [N...]   (ROUNDS=5 by env)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000)
ROUNDS=${ROUNDS:-5}
command -v dovecot >/dev/null || { echo "bench: dovecot not installed (apt-get install dovecot-imapd)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not installed (apt-get install time)" >&2; exit 2; }

mvn -B -q -ntp -pl core package -DskipTests
# Private copies, so a build running meanwhile cannot change them under the benchmark.
WORK=$(mktemp -d /tmp/rapport-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/classes"
. bench/classpath.sh
CP=$(bench_classpath "$WORK/classes") # benchmarks/src/e2e: BenchMailbox, WatchBenchmark
cp core/target/rapport.jar "$WORK/rapport.jar"
# The class-data archive bin/rapport uses, made for this copy as install.sh makes it for an install:
# an archive records its jar's path and time, so core/target/rapport.jsa would be refused here.
java -XX:ArchiveClassesAtExit="$WORK/rapport.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$WORK/rapport.jar" dev.rapport.cli.CdsTraining core/src/cds/* >/dev/null 2>&1 || true
[ -r "$WORK/rapport.jsa" ] || echo "bench: no class-data archive made; figures are without it" >&2
export RAPPORT_JAR=$WORK/rapport.jar

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)"

# measure NAME PREPARE CMD...: runs PREPARE then CMD ROUNDS times; sets MED_WALL MED_CPU MED_RSS.
measure() {
  local name=$1 prep=$2; shift 2
  local walls=() cpus=() rsss=() i out
  for ((i = 0; i < ROUNDS; i++)); do
    eval "$prep"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" \
      || { echo "bench: $name failed:" >&2; cat "$WORK/err" >&2; exit 3; }
    read -r w u s m <"$WORK/time"
    walls+=("$w"); cpus+=("$(echo "$u + $s" | bc)"); rsss+=("$m")
  done
  MED_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((ROUNDS + 1) / 2))p")
  MED_CPU=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((ROUNDS + 1) / 2))p")
  MED_RSS=$(printf '%s\n' "${rsss[@]}" | sort -g | sed -n "$(((ROUNDS + 1) / 2))p")
  printf '  %-28s %7.2f s wall  %7.2f s CPU  %6d MB peak RSS' "$name" "$MED_WALL" "$MED_CPU" "$((MED_RSS / 1024))"
}
ratio() { echo "scale=2; $1 / $2" | bc; }

declare -A FIRST=([n]=)
for n in "${SIZES[@]}"; do
  coproc SERVER { java -cp "$CP" dev.rapport.bench.BenchMailbox "$n"; }
  read -r url password <&"${SERVER[0]}"
  hostport=${url#imap://*@}; hostport=${hostport%%/*}
  host=${hostport%:*}; port=${hostport##*:}
  export RAPPORT_PASSWORD=$password XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config"
  echo "== $n messages (about $((n / 10)) contacts), medians of $ROUNDS"
  python3 bench/imaplib_client.py "$host" "$port" bench >/dev/null # let Dovecot build its indexes
  STATUS=(bin/rapport status --imap "$url" --now 2026-01-15 --format json)
  measure "python imaplib" ":" python3 bench/imaplib_client.py "$host" "$port" bench; echo
  py_wall=$MED_WALL py_cpu=$MED_CPU py_rss=$MED_RSS
  measure "rapport status, cold cache" 'rm -rf "$WORK/cache/rapport"' "${STATUS[@]}"
  cold_wall=$MED_WALL cold_cpu=$MED_CPU cold_rss=$MED_RSS
  echo "  = $(ratio "$cold_wall" "$py_wall")x python (goal <= 3x, RSS <= 200 MB)"
  "${STATUS[@]}" >/dev/null
  measure "rapport status, unchanged" ":" "${STATUS[@]}"
  warm_wall=$MED_WALL warm_cpu=$MED_CPU warm_rss=$MED_RSS
  echo "  = $(ratio "$warm_wall" "$py_wall")x python (goal <= 1.5x)"
  if [ -z "${FIRST[n]}" ]; then
    FIRST=([n]=$n [py]=$py_wall [cold]=$cold_wall [coldrss]=$cold_rss [warm]=$warm_wall [warmrss]=$warm_rss)
  else
    echo "  vs ${FIRST[n]} messages (goal <= 11x): python $(ratio "$py_wall" "${FIRST[py]}")x," \
      "cold $(ratio "$cold_wall" "${FIRST[cold]}")x time / $(ratio "$cold_rss" "${FIRST[coldrss]}")x RSS," \
      "unchanged $(ratio "$warm_wall" "${FIRST[warm]}")x time / $(ratio "$warm_rss" "${FIRST[warmrss]}")x RSS"
  fi
  exec {SERVER[1]}>&-
  wait "$SERVER_PID" || true
done

# The watcher's mailbox is as large as the first size's, so the CPU of a sync is that mailbox's.
WATCH_ROUNDS=$((ROUNDS < 20 ? 20 : ROUNDS))
echo "== watch: latency of an appended reply (goal < 1 s) and CPU per new message (goal <= 50 ms)," \
  "$WATCH_ROUNDS rounds, ${SIZES[0]} background messages, 1 restart"
java -cp "$CP" dev.rapport.bench.WatchBenchmark "$WATCH_ROUNDS" "${SIZES[0]}" 1
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
