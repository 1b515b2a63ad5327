#!/usr/bin/env bash
# The chat demo: one broker and two chat services (alice, bob), each its own JVM, exchanging
# @BusEvent records through @EventHandler methods. Needs only a JDK 17.
#   ./samples/run-demo.sh            # runs for 12 seconds, then stops everything
#   DEMO_SECONDS=60 ./samples/run-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BUS_PORT=${BUS_PORT:-5555}
HTTP_BASE=${HTTP_BASE:-8080}
SECONDS_TO_RUN=${DEMO_SECONDS:-12}
JAR=samples/chat/target/aiodistbus-sample-chat-0.1.0-SNAPSHOT.jar
LOGS=$(mktemp -d)

echo "== building the sample (first run downloads Maven and the dependencies)"
./mvnw -B -q -pl samples/chat -am package -DskipTests

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # name, extra args...
  local name=$1; shift
  java -jar "$JAR" "$@" > "$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

wait_started() { # name
  for _ in $(seq 1 120); do
    grep -q "Started ChatApplication" "$LOGS/$1.log" && return 0
    sleep 0.5
  done
  echo "$1 did not start; its log:"; cat "$LOGS/$1.log"; exit 1
}

echo "== starting the broker on $BUS_PORT (HTTP $HTTP_BASE)"
start broker --aiodistbus.mode=broker --aiodistbus.broker.port="$BUS_PORT" --server.port="$HTTP_BASE"
wait_started broker
echo "== starting alice (HTTP $((HTTP_BASE + 1))) and bob (HTTP $((HTTP_BASE + 2)))"
start alice --aiodistbus.mode=client --aiodistbus.client.port="$BUS_PORT" --chat.name=alice --server.port=$((HTTP_BASE + 1))
start bob --aiodistbus.mode=client --aiodistbus.client.port="$BUS_PORT" --chat.name=bob --server.port=$((HTTP_BASE + 2))
wait_started alice
wait_started bob

echo "== chatting for $SECONDS_TO_RUN seconds"
sleep "$SECONDS_TO_RUN"
grep -h "\[alice\]\|\[bob\]" "$LOGS/alice.log" "$LOGS/bob.log" | sed 's/^.*Chatter *: //' | head -20

health() { java samples/Health.java "http://127.0.0.1:$1/actuator/health"; }
echo "== alice's /actuator/health (the heartbeat from the broker)"
health $((HTTP_BASE + 1))
echo "== the broker's /actuator/health"
health "$HTTP_BASE"
echo "== logs kept in $LOGS"
