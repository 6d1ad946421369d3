package com.fxbank.launcher;

import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;

/** What {@code ./fxbank up} prints once the bank is ready: where everything is, tokens, and what to try. */
final class Banner {

    private Banner() {
    }

    static String of(LaunchSettings s, String bootstrapServers, String rateSource, boolean demoCustomers, long readyMillis,
                     IssuerTokens tokens, UnaryOperator<String> metricsUrl,
                     Optional<String> traceViewer) {
        String operator = tokens.mint("operator", Role.OPERATOR);
        String alice = tokens.mint("alice", Role.CUSTOMER);
        String exchange = "http://127.0.0.1:" + s.exchangePort();
        return """

                FxBank is up (%d ms).
                  exchange-service  %s   Swagger UI: %s/swagger-ui.html   ready: %s/readyz
                  krw-account       http://127.0.0.1:%d   Swagger UI: http://127.0.0.1:%d/swagger-ui.html
                  fx-account        http://127.0.0.1:%d   Swagger UI: http://127.0.0.1:%d/swagger-ui.html
                  console           %s   (operators: sign in as "ops", password "development"; any other name is a customer and is refused)
                  token issuer      %s   (development only: Spring Authorization Server)
                  metrics           %s  %s  %s  (Prometheus, loopback, no token)
                  traces            %s
                  Kafka             %s (%s)
                  databases         %s
                  mid rates         %s
                  demo customers    %s

                Tokens from the issuer (12 h; more with ./fxbank token <subject> --role CUSTOMER|OPERATOR):
                  export ALICE=%s
                  export OPS=%s

                Buy 100 USD as alice — quote, exchange, read it back:
                  Q=$(curl -s -X POST %s/api/v1/quotes -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' -d '{"side":"BUY","currency":"USD","amount":"100.00"}' | sed 's/.*"quoteId":"\\([^"]*\\)".*/\\1/'); echo "quote $Q"
                  X=$(curl -s -X POST %s/api/v1/exchanges -H "Authorization: Bearer $ALICE" -H "Idempotency-Key: $Q" -H 'Content-Type: application/json' -d "{\\"quoteId\\":\\"$Q\\"}" | sed 's/.*"id":"\\([^"]*\\)".*/\\1/'); echo "exchange $X"
                  curl -s %s/api/v1/exchanges/$X -H "Authorization: Bearer $ALICE"

                ./fxbank audit checks the money invariant. Ctrl-C stops everything; data is kept in %s (--fresh starts empty).
                From here on the console shows warnings and errors only (./fxbank up --verbose shows everything).
                """.formatted(readyMillis, exchange, exchange, exchange, s.krwAccountPort(), s.krwAccountPort(),
                s.fxAccountPort(), s.fxAccountPort(), s.hasConsole() ? s.consoleUrl() : "not started", s.issuerUri(), metricsUrl.apply("exchange-service"),
                metricsUrl.apply("krw-account"), metricsUrl.apply("fx-account"),
                traceViewer.map(url -> url + "  (Zipkin; find an exchange with the query exchangeId=<id>)")
                        .orElse("not exported (./fxbank up --tracing starts a Zipkin and sends every span to it)"),
                bootstrapServers,
                s.externalKafka().isPresent() ? "external" : "embedded",
                s.postgresUrl().map(url -> "PostgreSQL at " + url).orElse("embedded H2 in " + s.dataDir()), rateSource,
                demoCustomers ? "alice (10,000,000 KRW; 1,000 USD; 1,000 EUR; 100,000 JPY), bob (5,000,000 KRW)"
                        : "none: an external database is never seeded (--demo seeds alice and bob)",
                alice, operator, exchange, exchange, exchange, s.home().toAbsolutePath());
    }
}
