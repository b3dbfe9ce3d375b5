#!/bin/sh
# Builds a Debian package of Rapport with jpackage, from what `mvn package` left in core/target:
#   /opt/rapport                    jpackage's application image: the jar, its own Java runtime
#                                   (jlink, only the modules the jar needs), the native launcher
#                                   /opt/rapport/bin/rapport
#   /usr/bin/rapport                a shell launcher that runs the bundled runtime directly, with
#                                   bin/rapport's options: JDK 17's native launcher runs `rpm -qf`
#                                   and `dpkg -S` on itself at every start (about 0.3 s, twice),
#                                   too slow for a command run before each send
#   /usr/share/man/man1/rapport*.1.gz, bash and zsh completion, as the tar.gz has them
# postinst makes the class-data archive for the bundled runtime (dist/deb/postinst); prerm removes it.
#
# Usage: dist/deb.sh [OUTPUT_FOLDER]     (default core/target/deb; prints the .deb's path)
# Needs: a JDK 17+ with jpackage, jlink and jdeps (JAVA_HOME, else the java on PATH), dpkg-deb and
# fakeroot (apt-get install -y fakeroot). No network. Takes about a minute; not part of the build.
set -eu
fail() {
  echo "deb.sh: $*" >&2
  exit 2
}
repo=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
target=$repo/core/target
out=${1:-$target/deb}

if [ -n "${JAVA_HOME:-}" ]; then
  jdk=$JAVA_HOME
else
  java=$(command -v java) || fail "no java found; set JAVA_HOME to a JDK 17 or newer"
  jdk=$(dirname -- "$(dirname -- "$(readlink -f -- "$java")")")
fi
for tool in jpackage jlink jdeps; do
  [ -x "$jdk/bin/$tool" ] || fail "$jdk has no $tool: a full JDK (17 or newer) is needed"
done
for tool in dpkg-deb fakeroot; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (apt-get install -y fakeroot dpkg)"
done
[ -d "$jdk/jmods" ] || fail "$jdk has no jmods folder, which jlink needs (Debian: apt-get install openjdk-17-jmods)"

jar=$target/rapport.jar
[ -r "$jar" ] && [ -d "$target/docs/man/man1" ] ||
  fail "build it first: mvn -B -q -DskipTests package (no $jar or $target/docs)"
version=$("$jdk/bin/java" -jar "$jar" --version) || fail "$jar does not run: $version"
version=${version#rapport }
# Debian orders 0.1.0~SNAPSHOT before 0.1.0, as Maven orders 0.1.0-SNAPSHOT.
debversion=$(printf '%s' "$version" | sed 's/-/~/g')
# jpackage wants a plain dotted number for the launcher's own version.
appversion=$(printf '%s' "$version" | sed 's/[^0-9.].*//')

work=$(mktemp -d "${TMPDIR:-/tmp}/rapport-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

mkdir -p "$work/input/cds"
cp "$jar" "$work/input/"
cp "$repo"/core/src/cds/* "$work/input/cds/"

# The runtime: the modules jdeps finds, plus those reached only by reflection or service lookup
# (TLS with EC keys, the mail charsets beyond the standard ones, JNDI for DNS, sun.misc.Unsafe).
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")
modules=$modules,jdk.crypto.ec,jdk.charsets,java.naming,jdk.unsupported
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$work/runtime" >/dev/null

# The same JVM options as bin/rapport: quick start for a command that runs once per send.
"$jdk/bin/jpackage" --type app-image --name rapport --app-version "$appversion" \
  --input "$work/input" --main-jar rapport.jar --main-class dev.rapport.cli.Main \
  --runtime-image "$work/runtime" --dest "$work/image" \
  --description "Lints outreach email drafts and tracks reply threads over IMAP" \
  --vendor "Rapport" \
  --java-options '-XX:SharedArchiveFile=$APPDIR/rapport.jsa' \
  --java-options '-Xshare:auto' --java-options '-Xlog:cds=off' --java-options '-Xlog:cds+dynamic=off' \
  --java-options '-XX:TieredStopAtLevel=1' --java-options '-XX:+UseSerialGC'

"$jdk/bin/jpackage" --type deb --app-image "$work/image/rapport" --name rapport \
  --app-version "$debversion" --linux-package-name rapport \
  --description "Lints outreach email drafts and tracks reply threads over IMAP" \
  --vendor "Rapport" --linux-deb-maintainer "rapport@localhost" --linux-app-category mail \
  --resource-dir "$repo/dist/deb" --dest "$work/deb"

# jpackage puts everything under /opt/rapport; add the command, man pages and completion where
# Debian looks for them, as files of the package (so dpkg -r removes them), and repack.
deb=$(ls "$work"/deb/*.deb)
tree=$work/tree
dpkg-deb -R "$deb" "$tree"
mkdir -p "$tree/usr/bin" "$tree/usr/share/man/man1" "$tree/usr/share/bash-completion/completions" \
  "$tree/usr/share/zsh/vendor-completions"
cat >"$tree/usr/bin/rapport" <<'LAUNCHER'
#!/bin/sh
# rapport from the Debian package: the Java runtime and jar in /opt/rapport, started directly.
# The package's root is found from this script's own place, so it also runs from a root that
# dpkg --root installed into.
self=$0
while [ -L "$self" ]; do
  link=$(readlink -- "$self") || break
  case $link in /*) self=$link ;; *) self=$(dirname -- "$self")/$link ;; esac
done
root=$(CDPATH= cd -- "$(dirname -- "$self")/../.." && pwd -P)
app=$root/opt/rapport/lib/app
# `status` fits its table to the terminal; shells set COLUMNS without exporting it.
case ${1:-} in
  status) if [ -z "${COLUMNS:-}" ] && [ -t 1 ]; then
      COLUMNS=$(stty size </dev/tty 2>/dev/null | cut -d' ' -f2) && export COLUMNS
    fi ;;
esac
exec "$root/opt/rapport/lib/runtime/bin/java" -XX:SharedArchiveFile="$app/rapport.jsa" -Xshare:auto \
  -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -cp "$app/rapport.jar" dev.rapport.cli.Main "$@"
LAUNCHER
chmod 755 "$tree/usr/bin/rapport"
for page in "$target"/docs/man/man1/*.1; do
  gzip -9n <"$page" >"$tree/usr/share/man/man1/$(basename -- "$page").gz"
done
cp "$target/docs/completion/rapport.bash" "$tree/usr/share/bash-completion/completions/rapport"
cp "$target/docs/completion/_rapport" "$tree/usr/share/zsh/vendor-completions/_rapport"
chmod -R u+rwX,go+rX,go-w "$tree/usr"
size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$tree/DEBIAN/control"

mkdir -p "$out"
result=$out/$(basename -- "$deb")
fakeroot dpkg-deb --build --root-owner-group "$tree" "$result" >/dev/null
echo "$result"
