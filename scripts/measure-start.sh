#!/usr/bin/env bash
# Measures a ledger service's time from launch to ready, unloaded, under each start-up option FxBank considered
# (issue 13): the JVM flags the fault suite uses, lazy initialisation, no C1-only JIT, and a JDK AOT cache (JEP 483,
# class data sharing's successor: classes loaded and linked ahead of time). Prints one line per variant, the median
# of --runs starts. Needs the jars built (./fxbank test or ./mvnw -DskipTests install) and PostgreSQL; starts its own
# Kafka broker on a free port.
#   scripts/measure-start.sh [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
select_java
runs=5
[ "${1:-}" = "--runs" ] && runs=${2:?}
jar=account-service/target/account-service-0.1.0-SNAPSHOT-exec.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests install" >&2; exit 1; }
work=$(mktemp -d /tmp/fxbank-start.XXXX)
kafka_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS fxbank_start_probe" -c "CREATE DATABASE fxbank_start_probe" >/dev/null

"$JAVA_HOME/bin/java" -Dlogback.configurationFile=fxbank-devkafka-cli-logback.xml \
  -cp "fxbank-devkafka/target/fxbank-devkafka-0.1.0-SNAPSHOT.jar:fxbank-devkafka/target/lib/*" \
  com.fxbank.devkafka.DevKafkaCommand --port "$kafka_port" --dir "$work/kafka" > "$work/kafka.log" 2>&1 &
kafka=$!
trap 'kill $kafka 2>/dev/null; wait $kafka 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "Kafka is up" "$work/kafka.log"; do sleep 0.5; kill -0 $kafka || { cat "$work/kafka.log"; exit 1; }; done

args=(--server.port="$port" --management.server.port=0 --spring.profiles.active=krw-account --fxbank.development-mode=true
      --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/fxbank_start_probe --spring.datasource.username=postgres
      --spring.kafka.bootstrap-servers=127.0.0.1:"$kafka_port" --fxbank.kafka.replication-factor=1
      --fxbank.security.issuer-uri=http://127.0.0.1:1/unused --logging.level.root=WARN --spring.main.banner-mode=off)
suite=(-Xms64m -Xmx384m -XX:+UseSerialGC)

start_once() { # prints milliseconds from launch to readiness UP
  local begin end pid
  begin=$(date +%s%3N)
  "$JAVA_HOME/bin/java" "$@" > "$work/service.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/readyz" 2>/dev/null | grep -q UP; do
    kill -0 $pid 2>/dev/null || { tail -20 "$work/service.log" >&2; return 1; }
    sleep 0.05
  done
  end=$(date +%s%3N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $((end - begin))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

variant() { # name, then the java arguments
  local name=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do times+=("$(start_once "$@")"); done
  printf '%-48s median %5d ms   (%s)\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

# The AOT cache is recorded by one training run that stops once the context is refreshed (Spring Boot's
# spring.context.exit), from the jar extracted as Spring Boot recommends for class data sharing.
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
"$JAVA_HOME/bin/java" "${suite[@]}" -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$work/extracted/$(basename "$jar")" "${args[@]}" > "$work/training.log" 2>&1 || true

echo "time to ready of krw-account, unloaded, $runs starts each ($(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
variant "fault suite's flags (C1 only)"          "${suite[@]}" -XX:TieredStopAtLevel=1 -jar "$jar" "${args[@]}"
variant "default JIT (C1 + C2)"                  "${suite[@]}" -jar "$jar" "${args[@]}"
variant "C1 only + lazy initialisation"          "${suite[@]}" -XX:TieredStopAtLevel=1 -jar "$jar" "${args[@]}" --spring.main.lazy-initialization=true
variant "C1 only, extracted jar"                 "${suite[@]}" -XX:TieredStopAtLevel=1 -jar "$work/extracted/$(basename "$jar")" "${args[@]}"
if [ -f "$work/app.aot" ]; then
  variant "C1 only, extracted jar + AOT cache"   "${suite[@]}" -XX:TieredStopAtLevel=1 -XX:AOTCache="$work/app.aot" -jar "$work/extracted/$(basename "$jar")" "${args[@]}"
else
  echo "no AOT cache was written (see the training run): $(tail -3 "$work/training.log")"
fi
