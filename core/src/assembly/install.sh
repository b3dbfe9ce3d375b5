#!/bin/sh
# Installs this unpacked Rapport distribution for the current user, where it lies:
#   PREFIX/bin/rapport                         a symlink to bin/rapport (PREFIX defaults to ~/.local)
#   PREFIX/share/man/man1/rapport*.1           symlinks to the man pages (man finds them from PATH)
#   PREFIX/share/bash-completion/completions/rapport   bash completion, loaded on demand
#   PREFIX/share/zsh/site-functions/_rapport   zsh completion (a folder for $fpath)
#   lib/rapport.jsa                            the class-data archive, made for the java on PATH
#                                              (Java 19+ also re-makes it by itself after a JDK update)
# Run it again after changing Java. Nothing is written outside PREFIX and this folder.
set -eu
prefix=${1:-${PREFIX:-$HOME/.local}}
self=$0
while [ -L "$self" ]; do
  link=$(readlink -- "$self")
  case $link in /*) self=$link ;; *) self=$(dirname -- "$self")/$link ;; esac
done
home=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd -P)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$java" >/dev/null 2>&1 || { echo "install.sh: no java found (Java 17 or newer is needed)" >&2; exit 2; }

mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
ln -sf "$home/bin/rapport" "$prefix/bin/rapport"
for page in "$home"/man/man1/*.1; do
  ln -sf "$page" "$prefix/share/man/man1/$(basename "$page")"
done
ln -sf "$home/completion/rapport.bash" "$prefix/share/bash-completion/completions/rapport"
ln -sf "$home/completion/_rapport" "$prefix/share/zsh/site-functions/_rapport"

# The archive only helps the JVM that made it; another JVM ignores it and starts as without it.
rm -f "$home/lib/rapport.jsa"
"$java" -XX:ArchiveClassesAtExit="$home/lib/rapport.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$home/lib/rapport.jar" dev.rapport.cli.CdsTraining "$home"/lib/cds/* >/dev/null 2>&1 || true
[ -r "$home/lib/rapport.jsa" ] || echo "install.sh: no class-data archive made; rapport starts a little slower" >&2

echo "Installed rapport in $prefix/bin/rapport, man pages in $prefix/share/man/man1."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to PATH, e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
case $prefix in
  /usr/local|/usr) ;; # already on zsh's default $fpath
  *) echo "zsh: add to ~/.zshrc, before compinit: fpath=($prefix/share/zsh/site-functions \$fpath)" ;;
esac
