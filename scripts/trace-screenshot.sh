#!/usr/bin/env bash
# Takes docs/trace-refused-deposit.png (issue 14): ./fxbank up --tracing on a home of its own, one exchange of the demo
# customer bob whose deposit is refused (an operator froze his USD account) and refunded through Kafka, its trace
# found in Zipkin by exchangeId, and headless Chromium's picture of Zipkin's page of that trace. Uses the default
# ports (8080-8082, 9000, 9092, 9411): stop a running ./fxbank up first. Installs chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
ensure_packages chromium=chromium
home=$(mktemp -d)
./fxbank up --tracing --fresh --home "$home" > "$home/up.log" 2>&1 &
up=$!
trap 'kill $up 2>/dev/null; wait $up 2>/dev/null; rm -rf "$home"' EXIT
until grep -q "FxBank is up" "$home/up.log"; do
  kill -0 $up 2>/dev/null || { cat "$home/up.log"; exit 1; }
  sleep 2
done
json() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -1; }
ops=$(./fxbank token ops --role OPERATOR)
bob=$(./fxbank token bob)
usd=$(curl -sf "http://127.0.0.1:8082/ops/v1/accounts?owner=bob" -H "Authorization: Bearer $ops" | json id)
curl -sf -X PUT "http://127.0.0.1:8082/ops/v1/accounts/$usd/frozen" -H "Authorization: Bearer $ops" \
  -H 'Content-Type: application/json' -d '{"frozen":true}' > /dev/null
quote=$(curl -sf -X POST http://127.0.0.1:8080/api/v1/quotes -H "Authorization: Bearer $bob" \
  -H 'Content-Type: application/json' -d '{"side":"BUY","currency":"USD","amount":"100.00"}' | json quoteId)
exchange=$(curl -sf -X POST http://127.0.0.1:8080/api/v1/exchanges -H "Authorization: Bearer $bob" \
  -H "Idempotency-Key: $quote" -H 'Content-Type: application/json' -d "{\"quoteId\":\"$quote\"}" | json id)
echo "exchange $exchange (deposit refused)"
for _ in $(seq 60); do
  trace=$(curl -sf "http://127.0.0.1:9411/api/v2/traces?annotationQuery=exchangeId%3D$exchange&limit=1" || true)
  # Complete once the exchange service's handling of the refund reply is in it.
  if grep -q "krw-account.withdrawal-cancel.response receive" <<< "$trace"; then break; fi
  sleep 1
done
trace_id=$(json traceId <<< "$trace")
echo "trace $trace_id: http://127.0.0.1:9411/zipkin/traces/$trace_id"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1440,1500 --virtual-time-budget=20000 \
  --screenshot=docs/trace-refused-deposit.png "http://127.0.0.1:9411/zipkin/traces/$trace_id" 2>/dev/null
echo "docs/trace-refused-deposit.png"
