#!/usr/bin/env bash
# Submits one lakehouse job to the compose stack's session cluster, for docker-compose.yml's *-submitter services:
#   submit-job.sh <flink job name> --job <registered job> [--<option> <value> ...]
# With RESTORE_FROM set to a savepoint or retained checkpoint (s3://lakehouse/savepoints/..., .../checkpoints/...), the
# job starts from it: `docker compose run --rm -e RESTORE_FROM=s3://... clickstream-submitter`.
# `docker compose up` starts a finished submitter again, so it first asks the JobManager's REST API whether a job of
# that name is running already and then does nothing. The job's main() runs here (`flink run`), with this container's
# LAKEHOUSE_* variables: it loads and validates the configuration and creates the tables before the job is submitted.
set -euo pipefail

flink_job_name="$1"
shift
rest_host="${FLINK_REST_HOST:-jobmanager}"
rest_port="${FLINK_REST_PORT:-8081}"

# GET /jobs/overview without curl (not in every image): one line per job, name and state on it.
active_job_names() {
  exec 3<>"/dev/tcp/${rest_host}/${rest_port}"
  printf 'GET /jobs/overview HTTP/1.0\r\nHost: %s\r\n\r\n' "$rest_host" >&3
  tr '{' '\n' <&3 | grep -E '"state":"(INITIALIZING|CREATED|RUNNING|RESTARTING)"' || true
  exec 3>&-
}

if active_job_names | grep -q "\"name\":\"${flink_job_name}\""; then
  echo "submit-job: ${flink_job_name} is running already; nothing to do."
  exit 0
fi

# The image's own configuration (its Java 17 module options), pointed at the compose JobManager.
restore=()
if [[ -n "${RESTORE_FROM:-}" ]]; then
  restore=(--fromSavepoint "$RESTORE_FROM")
fi
echo "submit-job: submitting ${flink_job_name} ($*)${RESTORE_FROM:+ from $RESTORE_FROM}"
exec /opt/flink/bin/flink run --target remote -Drest.address="$rest_host" -Drest.port="$rest_port" --detached \
  "${restore[@]}" /opt/flink/usrlib/lakehouse-jobs.jar "$@"
