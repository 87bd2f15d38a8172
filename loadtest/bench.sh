#!/bin/sh
# Every figure of docs/benchmarks.md, one after the other (about 20 minutes on the 2-core machine).
# The JSON reports go to the folder given (default loadtest/target/bench). Build first:
#   mvn -q install -DskipTests
cd "$(dirname "$0")/.." || exit 1
out=${1:-loadtest/target/bench}
mkdir -p "$out"
jar=loadtest/target/factorspel-loadtest.jar
status=0
java -jar $jar --spawn --compare --tables 12 --seconds 60 --report "$out/tables-12.json" || status=1
java -jar $jar --spawn --compare --tables 100 --seconds 60 --report "$out/tables-100.json" || status=1
java -jar $jar --spawn --tables 200,300,500,700 --seconds 30 --stop-above-ms 100 --report "$out/step-up.json" || status=1
java -cp $jar nl.factorspel.loadtest.Figures all --report "$out/figures.json" || status=1
echo "reports in $out"
exit $status
