#!/usr/bin/env bash
# Apache Kafka from Maven Central, for development and tests, with only Java and Maven.
#
#   bash deploy/kafka/kafka.sh up|down|status|restart|purge
#
# up       fetch the broker (first run only), format KRaft storage (first run only),
#          start one combined broker+controller in the background and wait until it
#          serves; prints KAFKA_BROKERS=127.0.0.1:<port> on stdout. Idempotent.
# down     SIGTERM, wait KAFKA_STOP_TIMEOUT seconds, then SIGKILL. Keeps the data.
# status   prints the state; exit 0 when running, 3 when not.
# restart  down, then up on the same port with the same data (broker-restart tests).
# purge    down, then delete this port's data.
#
# Environment (all optional):
#   KAFKA_PORT             client port, 127.0.0.1 only              (9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port                    (KAFKA_PORT + 1)
#   KAFKA_VERSION          broker version on Maven Central           (pom.xml)
#   KAFKA_CACHE_DIR        jars and data                             (<repo>/.deploy-cache/kafka)
#   KAFKA_HEAP_OPTS        JVM heap                                  (-Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to serve   (120)
#   KAFKA_STOP_TIMEOUT     seconds between SIGTERM and SIGKILL       (30)
#
# Progress goes to stderr, so `eval "$(bash kafka.sh up)"` exports KAFKA_BROKERS.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
CACHE="${KAFKA_CACHE_DIR:-$REPO/.deploy-cache/kafka}"
LIBS="$CACHE/libs"
DATA="$CACHE/data-$PORT"
PID_FILE="$DATA/kafka.pid"
LOGS="$DATA/logs"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
DEFAULT_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"
VERSION="${KAFKA_VERSION:-$DEFAULT_VERSION}"

say() { echo "kafka.sh[$PORT]: $*" >&2; }
die() { say "$*"; exit 1; }

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  command -v java >/dev/null 2>&1 || die "java not found on PATH (Java 17+ is required)"
  command -v java
}

# Serialises launcher runs that touch the same files: two test runs calling `up` at
# once must not format or start the same instance twice. flock is util-linux; where it
# is missing we go without, as a developer rarely races themselves.
lock() {
  local file="$1" fd="$2"
  mkdir -p "$(dirname "$file")"
  eval "exec $fd>\"$file\""
  if command -v flock >/dev/null 2>&1; then
    flock -w 600 "$fd" || die "could not lock $file within 600 s"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A pid file can outlive its process and the pid can be reused, so we only trust it
# when the process still runs our broker with this instance's config.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $DATA/server.properties" || return 1
  fi
  echo "$pid"
}

fetch_libs() {
  if [[ -f "$LIBS/.version" && "$(cat "$LIBS/.version")" == "$VERSION" ]]; then return; fi
  lock "$CACHE/.libs.lock" 8
  if [[ -f "$LIBS/.version" && "$(cat "$LIBS/.version")" == "$VERSION" ]]; then return; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (needed once, to fetch Kafka $VERSION)"
  say "fetching Apache Kafka $VERSION and its dependencies from Maven Central"
  local tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  # Fetch beside the cache and swap at the end, so an interrupted download never
  # leaves a classpath that looks complete. Maven's output goes to a file (shown on
  # failure): even quiet, Maven 3.8 prints stray colour codes.
  mkdir -p "$CACHE"
  if ! mvn -B -q -f "$HERE/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$VERSION" -DoutputDirectory="$tmp" >"$CACHE/maven.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$CACHE/maven.log" | tail -n 20 >&2
    rm -rf "$tmp"
    die "maven could not fetch org.apache.kafka:kafka_2.13:$VERSION (log: $CACHE/maven.log)"
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "maven ran but fetched no kafka_2.13 jar"
  echo "$VERSION" >"$tmp/.version"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  flock -u 8 2>/dev/null || true
}

render_config() {
  mkdir -p "$DATA/storage" "$LOGS"
  sed -e "s|@PORT@|$PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" -e "s|@LOG_DIRS@|$DATA/storage|g" \
    "$HERE/server.properties" >"$DATA/server.properties"
}

# Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. Made here
# rather than by `StorageTool random-uuid`, which costs a JVM start; a leading '-' is
# avoided because the tool would read it as an option.
cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

format_storage() {
  [[ -f "$DATA/storage/meta.properties" ]] && return
  say "formatting KRaft storage in $DATA/storage"
  "$(java_bin)" -cp "$LIBS/*" -Dlog4j.configuration="file:$HERE/tools-log4j.properties" \
    kafka.tools.StorageTool format -t "$(cluster_id)" -c "$DATA/server.properties" --ignore-formatted >&2 \
    || die "formatting storage failed"
}

print_brokers() { echo "KAFKA_BROKERS=127.0.0.1:$PORT"; }

wait_until_serving() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "broker exited during startup; last lines of $LOGS:"
      tail -n 30 "$LOGS/server.log" "$LOGS/stdout.log" >&2 2>/dev/null || true
      rm -f "$PID_FILE"
      exit 1
    fi
    # The log line means the broker finished recovery and registered; the connect
    # proves the client listener is bound on the address clients will use.
    if grep -q "Kafka Server started" "$LOGS/server.log" 2>/dev/null && port_open "$PORT"; then
      return 0
    fi
    sleep 0.25
  done
  say "broker did not serve within ${START_TIMEOUT}s; see $LOGS/server.log"
  stop_broker
  exit 1
}

start_broker() {
  local pid
  if pid="$(running_pid)"; then
    # Possibly still starting under another `up` that lost its terminal: wait for it.
    wait_until_serving "$pid"
    say "already running (pid $pid)"
    print_brokers
    return
  fi
  rm -f "$PID_FILE"
  port_open "$PORT" && die "port $PORT is taken by another process; set KAFKA_PORT to a free port"
  port_open "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT is taken; set KAFKA_CONTROLLER_PORT"

  fetch_libs
  render_config
  format_storage

  # A fresh server.log, so the readiness check cannot match the previous run's line.
  [[ -f "$LOGS/server.log" ]] && mv -f "$LOGS/server.log" "$LOGS/server.log.previous"
  local started=$SECONDS java
  java="$(java_bin)"
  say "starting Kafka $VERSION on 127.0.0.1:$PORT (controller $CONTROLLER_PORT)"
  # setsid: the broker outlives the shell that started it and ignores its Ctrl-C.
  # setsid may fork, so $! would not be the broker: the child records its own pid
  # and then becomes java. Like any daemon it first closes every descriptor it inherited
  # beyond stdio: a caller's pipe held open by the broker (a test runner's, a CI step's,
  # our own lock) would make that caller wait for the broker's exit.
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  # shellcheck disable=SC2086,SC2016 # HEAP_OPTS is a list of JVM flags; $$ is the child's
  nohup "${detach[@]}" bash -c '
      for fd in /proc/$$/fd/*; do fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null; done
      echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$java" $HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dkafka.logs.dir="$LOGS" -Dlog4j.configuration="file:$HERE/log4j.properties" \
    -cp "$LIBS/*" kafka.Kafka "$DATA/server.properties" \
    >"$LOGS/stdout.log" 2>&1 </dev/null 8>&- 9>&- &
  local waited=0
  until [[ -s "$PID_FILE" ]]; do
    ((waited++ < 100)) || die "broker process did not start; see $LOGS/stdout.log"
    sleep 0.05
  done
  pid="$(cat "$PID_FILE")"
  wait_until_serving "$pid"
  say "serving after $((SECONDS - started))s (pid $pid, logs in $LOGS)"
  print_brokers
}

stop_broker() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if port_open "$PORT"; then
      say "running (pid $pid) on 127.0.0.1:$PORT"
      print_brokers
    else
      say "process $pid is up but 127.0.0.1:$PORT does not answer yet"
    fi
    return 0
  fi
  say "not running"
  return 3
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a number, got '$PORT'"
case "${1:-}" in
  up) lock "$DATA.lock" 9; start_broker ;;
  down) lock "$DATA.lock" 9; stop_broker ;;
  restart) lock "$DATA.lock" 9; stop_broker; start_broker ;;
  status) status ;;
  purge) lock "$DATA.lock" 9; stop_broker; rm -rf "$DATA"; say "deleted $DATA" ;;
  *) echo "usage: $0 up|down|status|restart|purge" >&2; exit 2 ;;
esac
