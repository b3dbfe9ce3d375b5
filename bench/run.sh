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

mvn -B -q -pl core test-compile
CPFILE=$(mktemp)
mvn -B -q -pl core dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
# A private copy of the classes, so a build running meanwhile cannot change them under the benchmark.
CLASSES=$(mktemp -d /tmp/rapport-bench-classes.XXXXXX)
cp -r core/target/classes "$CLASSES/main" && cp -r core/target/test-classes "$CLASSES/test"
CP="$CLASSES/main:$CLASSES/test:$(cat "$CPFILE")"
JAVA=(java -cp "$CP")

run_size() {
  local n=$1 dir port pid
  dir=$(mktemp -d /tmp/rapport-bench.XXXXXX)
  chmod 755 "$dir" # Dovecot's auth process reads the users file as its own user
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$dir/base" "$dir/state" "$dir/home/Maildir" "$dir/cache"
  echo "bench:{PLAIN}bench-pw:65534:65534::$dir/home" > "$dir/users"
  cat > "$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/base
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Gesendet {
    special_use = \\Sent
  }
  mailbox Entw&APw-rfe {
    special_use = \\Drafts
  }
  mailbox Papierkorb {
    special_use = \\Trash
  }
  mailbox Spam {
    special_use = \\Junk
  }
}
CONF
  python3 bench/make_maildir.py "$dir/home/Maildir" "$n" >/dev/null
  chown -R 65534:65534 "$dir/home"
  dovecot -c "$dir/dovecot.conf"
  trap 'kill -TERM "$(cat "'"$dir"'/base/master.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
  local url="imap://bench@127.0.0.1:$port"
  export RAPPORT_PASSWORD=bench-pw XDG_CACHE_HOME="$dir/cache" XDG_CONFIG_HOME="$dir/config"
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
  kill -TERM "$(cat "$dir/base/master.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$dir"
}

for n in "${SIZES[@]}"; do run_size "$n"; done
rm -rf "$CPFILE" "$CLASSES"
