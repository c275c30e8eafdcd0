#!/usr/bin/env bash
# The Flink SQL client for docker-compose.yml (`docker compose run --rm sql-client [-f /opt/sql/examples/<file>]`):
# the same client, init script and connector jars as `lakehouse sql` (deploy/local-stack SqlClientLauncher), with the
# init script's ${NAME} placeholders filled from this container's environment and the compose JobManager as target.
# The compose cluster is stock Flink without the connectors in its lib/ (the local stack has them there), so each
# query ships them as pipeline.jars and loads them in its own class loader: slower per query (8-20 s on 2 cores).
set -euo pipefail

session="$(mktemp -d)"
chmod 700 "$session"
mkdir -p "$session/conf"

jars="$(find /opt/sql-client/target/jars -name '*.jar' | sort | sed "s#^#'file://#; s#\$#'#" | paste -sd, -)"
cat > "$session/conf/config.yaml" <<CONF
execution.target: remote
rest.address: ${FLINK_REST_HOST:-jobmanager}
rest.port: ${FLINK_REST_PORT:-8081}
pipeline.jars: [${jars}]
pipeline.name: lakehouse-sql-compose
parallelism.default: 1
CONF

# Fill every ${NAME} the init script uses; a placeholder without a value is an error, never sent as is. Values are
# inserted verbatim, as `lakehouse sql` does (SqlTemplate); bash 5.2 would otherwise read & in them as the match.
shopt -u patsub_replacement 2>/dev/null || true
init="$(cat /opt/sql-client/src/main/sql/init.sql)"
for name in $(grep -o '\${[A-Z0-9_]*}' <<<"$init" | sort -u | tr -d '${}'); do
  if [[ -z "${!name:-}" ]]; then
    echo "sql-client: the init script needs \$${name}; set it in docker-compose.yml / .env" >&2
    exit 2
  fi
  init="${init//\$\{${name}\}/${!name}}"
done
(umask 077 && printf '%s\n' "$init" > "$session/init.sql")

export FLINK_CONF_DIR="$session/conf"
exec java --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.time=ALL-UNNAMED \
  -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required -Xmx768m \
  -cp "/opt/sql-client/target/lib/*:/opt/sql-client/target/jars/*" org.apache.flink.table.client.SqlClient \
  --init "$session/init.sql" "$@"
