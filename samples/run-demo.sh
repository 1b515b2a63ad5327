#!/usr/bin/env bash
# The chat demo: one broker and two chat services (alice, bob), each its own JVM, exchanging
# @BusEvent records through @EventHandler methods. Needs only a JDK 17.
#   ./samples/run-demo.sh            # runs for 12 seconds, then stops everything
#   DEMO_SECONDS=60 ./samples/run-demo.sh
#   DEMO_TRANSPORT=nats ./samples/run-demo.sh   # the same two services on a nats-server instead of the
#                                               # broker, by their properties alone (needs nats-server)
set -euo pipefail
cd "$(dirname "$0")/.."

BUS_PORT=${BUS_PORT:-5555}
HTTP_BASE=${HTTP_BASE:-8080}
SECONDS_TO_RUN=${DEMO_SECONDS:-12}
TRANSPORT=${DEMO_TRANSPORT:-zeromq}
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

if [ "$TRANSPORT" = nats ]; then
  NATS_SERVER=$(command -v nats-server || echo /usr/sbin/nats-server)
  [ -x "$NATS_SERVER" ] || { echo "DEMO_TRANSPORT=nats needs nats-server (apt-get install nats-server)"; exit 1; }
  echo "== starting nats-server on $BUS_PORT"
  "$NATS_SERVER" -a 127.0.0.1 -p "$BUS_PORT" > "$LOGS/nats-server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$BUS_PORT") 2>/dev/null && break; sleep 0.1; done
  BUS_ARGS=(--aiodistbus.mode=nats --aiodistbus.nats.servers="nats://127.0.0.1:$BUS_PORT")
else
  echo "== starting the broker on $BUS_PORT (HTTP $HTTP_BASE)"
  start broker --aiodistbus.mode=broker --aiodistbus.broker.port="$BUS_PORT" --server.port="$HTTP_BASE"
  wait_started broker
  BUS_ARGS=(--aiodistbus.mode=client --aiodistbus.client.port="$BUS_PORT")
fi
echo "== starting alice (HTTP $((HTTP_BASE + 1))) and bob (HTTP $((HTTP_BASE + 2)))"
start alice "${BUS_ARGS[@]}" --chat.name=alice --server.port=$((HTTP_BASE + 1))
start bob "${BUS_ARGS[@]}" --chat.name=bob --server.port=$((HTTP_BASE + 2))
wait_started alice
wait_started bob

echo "== chatting for $SECONDS_TO_RUN seconds"
sleep "$SECONDS_TO_RUN"
grep -h "\[alice\]\|\[bob\]" "$LOGS/alice.log" "$LOGS/bob.log" | sed 's/^.*Chatter *: //' | head -20

health() { java samples/Health.java "http://127.0.0.1:$1/actuator/health"; }
echo "== alice's /actuator/health (the connection, and on the broker the heartbeat from it)"
health $((HTTP_BASE + 1))
if [ "$TRANSPORT" != nats ]; then
  echo "== the broker's /actuator/health"
  health "$HTTP_BASE"
fi
echo "== logs kept in $LOGS"
