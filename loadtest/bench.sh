#!/bin/bash
# Every figure of docs/benchmarks.md, one after the other (15 to 30 minutes on the 2-core machine,
# depending on how far the step-up goes); or, with --quick, the regression check (about 3 minutes):
# 100 tables against the bare bridge, failing when the table-command p99 ratio is more than 20 % above
# the ratio of the last full run (loadtest/quick-baseline); or, with --cluster, the cluster's figures
# (about 35 minutes, not part of the full run): 100 and 30 tables against one server and then three
# members in the same run, over 60 s after a 120 s warm-up (three JVMs on two cores take that long to
# compile their hot code under this load; a 30 s window weighs its one round change twice) and once more
# after 10 s (the cluster's first minute), 100 tables against five members, and the failover of a killed
# member with 500 clients (cold, and after a rehearsal of reconnections mid-warm-up) and with 150.
# The JSON reports and the printed tables go to the folder given (default loadtest/target/bench).
# Build first: mvn -B -ntp -q package -DskipTests
cd "$(dirname "$0")/.." || exit 1
quick=0
cluster=0
if [ "$1" = "--quick" ]; then
  quick=1
  shift
elif [ "$1" = "--cluster" ]; then
  cluster=1
  shift
fi
out=${1:-loadtest/target/bench}
mkdir -p "$out"
jar=loadtest/target/factorspel-loadtest.jar
status=0
run() {
  name=$1
  shift
  java "$@" --report "$out/$name.json" 2>&1 | tee "$out/$name.txt"
  # the generator exits 1 when anything was rejected or lost, 3 on a regression of the ratio
  code=${PIPESTATUS[0]}
  [ "$code" -eq 0 ] || status=$code
}
if [ $quick -eq 1 ]; then
  baseline=$(grep -v '^#' loadtest/quick-baseline | head -1)
  allowed=$(awk -v b="$baseline" 'BEGIN { printf "%.2f", b * 1.2 }')
  echo "quick check: 100 tables, the table-command p99 at most $allowed x the bare bridge's (baseline $baseline + 20 %)"
  run quick -jar $jar --spawn --compare --tables 100 --seconds 30 --warmup 10 --no-heap --max-ratio "$allowed"
  [ $status -eq 0 ] && echo "quick check passed" || echo "quick check FAILED (exit $status)"
  exit $status
fi
if [ $cluster -eq 1 ]; then
  # the members each start a JVM: heap probes on all of them would take longer than the window
  run cluster-3 -jar $jar --spawn --cluster 3 --compare-cluster --tables 100 --seconds 60 --warmup 120 --no-heap
  run cluster-3-30-tables -jar $jar --spawn --cluster 3 --compare-cluster --tables 30 --seconds 60 --warmup 60 --no-heap
  run cluster-3-first-minute -jar $jar --spawn --cluster 3 --compare-cluster --tables 100 --seconds 30 --warmup 10 --no-heap
  run cluster-5 -jar $jar --spawn --cluster 5 --tables 100 --seconds 30 --warmup 120 --no-heap
  # a failover disconnects the killed member's clients, and the motion sent to them while they move is
  # never caught up (fire-and-forget): its exit 1 is expected
  steady=$status
  run cluster-3-failover -jar $jar --spawn --cluster 3 --tables 100 --seconds 30 --warmup 120 --no-heap --kill-member-after 15
  run cluster-3-failover-rehearsed -jar $jar --spawn --cluster 3 --tables 100 --seconds 30 --warmup 60 --no-heap --kill-member-after 15 --rehearse-reconnects 30
  run cluster-3-failover-30-tables -jar $jar --spawn --cluster 3 --tables 30 --seconds 30 --warmup 60 --no-heap --kill-member-after 15
  echo "reports in $out"
  exit $steady
fi
run tables-12 -jar $jar --spawn --compare --tables 12 --seconds 60
run tables-100 -jar $jar --spawn --compare --tables 100 --seconds 60
run tables-100-no-deflate -jar $jar --spawn --compare --tables 100 --seconds 60 --no-deflate
run step-up -jar $jar --spawn --tables 200,300,400,500,700,1000 --seconds 30 --stop-above-ms 100
run figures -cp $jar nl.factorspel.loadtest.Figures all
echo "reports in $out"
exit $status
