#!/usr/bin/env bash
# The overhead benchmark (docs/benchmarks/overhead.md): each workload of
# dev.agentguard.apps.bench.Workloads without an agent, under guard.jar (enforce; audit on JDK 17)
# and, on JDK 17, under the Security Manager, interleaved in one run; then JVM start-up with and without the
# guard on JDK 17 and 25. Writes docs/benchmarks/overhead.md (its results section) and overhead.csv.
#
#   bench/run-overhead.sh            # from the repository root; builds first if the jars are missing
#
# JDK17 / JDK25 choose the Java homes; ROUNDS (default 3) and STARTS (default 10) the repetitions.
# The file-check workloads (issue 13) also run in a fresh JVM's first EARLY_MS ms (default 1000).
# ONLY=startup measures the hello-world start-up alone (printed only).
# ONLY=file-io,exists-size-d12 measures those workloads only (no agent and guard enforce, JDK 17 and 25), prints
# the tables, and with DOC=name writes them to docs/benchmarks/name.md and name.csv instead of the overhead files.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
jdk17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$repo"
if [[ ! -f agent/target/guard.jar || ! -f test-apps/target/sample-agent.jar ]]; then
    JAVA_HOME="$jdk17" mvn -B -q install -DskipTests
fi
exec "$jdk17/bin/java" -cp test-apps/target/sample-agent.jar dev.agentguard.apps.bench.OverheadRunner \
    --repo "$repo" --jdk17 "$jdk17" --jdk25 "$jdk25" \
    --rounds "${ROUNDS:-3}" --starts "${STARTS:-10}" --early-ms "${EARLY_MS:-1000}" \
    ${ONLY:+--only "$ONLY"} ${DOC:+--doc "$DOC"} --command "bench/run-overhead.sh${ONLY:+ (ONLY=$ONLY${DOC:+ DOC=$DOC})}"
