# Sourced by the bench/ scripts. bench_classpath DIR builds benchmarks/ and what it needs
# (`-pl benchmarks -am`: core and the bridge, their tests compiled, nothing run), copies every class
# folder of this tree on the class path of benchmarks/src/e2e into DIR, so a build running meanwhile
# cannot change them under a benchmark, and prints that class path. Run from the top of the tree.
bench_classpath() {
  local dir=$1 entry cp="" i=0
  mvn -B -q -pl benchmarks -am process-test-classes >&2 || return 1 # writes target/e2e.classpath
  for entry in "$PWD/benchmarks/target/test-classes" "$PWD/benchmarks/target/classes" \
    $(tr ':' ' ' <benchmarks/target/e2e.classpath); do
    if [[ $entry == "$PWD"/* ]]; then
      cp -r "$entry" "$dir/cp$i" || return 1
      entry=$dir/cp$i
      i=$((i + 1))
    fi
    cp+=${cp:+:}$entry
  done
  echo "$cp"
}
