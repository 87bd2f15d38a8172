#!/bin/bash
# Every figure of docs/benchmarks.md, one after the other (10 to 30 minutes on the 2-core machine,
# depending on how far the step-up goes).
# The JSON reports and the printed tables go to the folder given (default loadtest/target/bench).
# Build first: mvn -q install -DskipTests
cd "$(dirname "$0")/.." || exit 1
out=${1:-loadtest/target/bench}
mkdir -p "$out"
jar=loadtest/target/factorspel-loadtest.jar
status=0
run() {
  name=$1
  shift
  java "$@" --report "$out/$name.json" 2>&1 | tee "$out/$name.txt"
  # the generator exits 1 when anything was rejected or lost
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
}
run tables-12 -jar $jar --spawn --compare --tables 12 --seconds 60
run tables-100 -jar $jar --spawn --compare --tables 100 --seconds 60
run step-up -jar $jar --spawn --tables 200,300,400,500,700,1000 --seconds 30 --stop-above-ms 100
run figures -cp $jar nl.factorspel.loadtest.Figures all
echo "reports in $out"
exit $status
