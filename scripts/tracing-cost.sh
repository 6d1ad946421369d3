#!/usr/bin/env bash
# What tracing costs (issue 14): ./fxbank load three times in one run — no tracer at all, the tracer with nothing
# sampled, every exchange traced (the default) — each with the database's own figure (pgbench) measured just before,
# so that the sampling default rests on ratios from the same machine in the same hour. Spans are made and not
# exported (exporting adds the exporter's own work on top: a batch of HTTP posts every 5 s).
#   scripts/tracing-cost.sh [duration, default 60s]     needs PostgreSQL (FXBANK_PG_URL, default 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
pg=${FXBANK_PG_URL:-jdbc:postgresql://127.0.0.1:5432/}
duration=${1:-60s}
for sampling in off 1.0 0; do
  echo "== tracing: $sampling"
  ./fxbank load --postgres "$pg" --duration "$duration" --warmup 15s --tracing-sampling "$sampling" 2>/dev/null \
    | grep -aE "^Tracing|exchanges answered|exchange latency|refund latency|database limit|^AUDIT|✗" || true
done
