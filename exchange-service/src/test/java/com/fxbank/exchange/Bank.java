package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fxbank.account.AccountServiceApplication;
import com.fxbank.common.net.FreePorts;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.security.Role;
import com.fxbank.testsupport.DevelopmentTokens;
import com.fxbank.testsupport.LedgerOperator;
import com.fxbank.testsupport.PostgresTestDatabase;
import com.fxbank.testsupport.RawKafka;
import com.fxbank.testsupport.SilentProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

/**
 * The whole bank for the exchange service's tests, every part real: the Kafka broker, three PostgreSQL
 * databases, krw-account and fx-account (the same application as in production, on fixed ports so they
 * can be stopped and started again), and the exchange service talking to them over HTTP through a
 * {@link SilentProxy} each — the only stub, for answers that never come. Started once per test JVM.
 */
final class Bank {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };

    private static Bank running;

    final EmbeddedKafkaKraftBroker kafka;
    final RawKafka rawKafka;
    final IssuerTokens tokens = DevelopmentTokens.issuer();
    private final PostgresTestDatabase krwDatabase = PostgresTestDatabase.create("krw_account");
    private final PostgresTestDatabase fxDatabase = PostgresTestDatabase.create("fx_account");
    private final PostgresTestDatabase exchangeDatabase = PostgresTestDatabase.create("exchange");
    private final int krwPort = FreePorts.pick();
    private final int fxPort = FreePorts.pick();
    final SilentProxy krwProxy = SilentProxy.to(krwPort);
    final SilentProxy fxProxy = SilentProxy.to(fxPort);
    private ConfigurableApplicationContext krw;
    private ConfigurableApplicationContext fx;
    private ConfigurableApplicationContext exchange;

    private Bank() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        rawKafka = new RawKafka(kafka.getBrokersAsString());
        startLedger(Ledger.KRW_ACCOUNT);
        startLedger(Ledger.FX_ACCOUNT);
        startExchange();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    }

    static synchronized Bank get() {
        if (running == null) {
            running = new Bank();
        }
        return running;
    }

    void startLedger(Ledger ledger) {
        boolean krwLedger = ledger == Ledger.KRW_ACCOUNT;
        PostgresTestDatabase database = krwLedger ? krwDatabase : fxDatabase;
        SpringApplication application = AccountServiceApplication.application();
        application.addInitializers(RecordedSpans.exporterBean());
        ConfigurableApplicationContext context = application.run(
                "--spring.profiles.active=" + ledger.id(),
                "--management.opentelemetry.tracing.export.schedule-delay=100ms",
                "--server.port=" + (krwLedger ? krwPort : fxPort),
                "--management.server.port=0",
                "--fxbank.kafka.backlog-interval=500ms",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--fxbank.security.issuer-uri=" + DevelopmentTokens.issuerUri());
        if (krwLedger) {
            krw = context;
        } else {
            fx = context;
        }
    }

    void stopLedger(Ledger ledger) {
        ledgerContext(ledger).close();
    }

    void startExchange() {
        exchange = runExchangeInstance();
    }

    /** Another instance on the same database and topics, as behind a load balancer. */
    ConfigurableApplicationContext startSecondExchangeInstance() {
        return runExchangeInstance();
    }

    /**
     * Another instance with some settings of its own (limits, the rate source), on the same database, ledgers
     * and topics. An override must name a setting the instances are not already given.
     */
    ConfigurableApplicationContext startExchangeInstance(String... overrides) {
        return runExchangeInstance(overrides);
    }

    private ConfigurableApplicationContext runExchangeInstance(String... overrides) {
        SpringApplication application = ExchangeServiceApplication.application();
        application.addInitializers(RecordedSpans.exporterBean());
        return application.run(Stream.concat(Stream.of(
                "--server.port=0",
                "--management.opentelemetry.tracing.export.schedule-delay=100ms",
                "--management.server.port=0",
                "--fxbank.kafka.backlog-interval=500ms",
                "--fxbank.exchange.metrics-interval=500ms",
                "--spring.datasource.url=" + exchangeDatabase.jdbcUrl(),
                "--spring.datasource.username=" + exchangeDatabase.username(),
                "--spring.datasource.password=" + exchangeDatabase.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--fxbank.security.issuer-uri=" + DevelopmentTokens.issuerUri(),
                // krw-account as two instances, one of them down (nothing listens on its port): every test
                // also proves that a call skips an unreachable instance and is answered by the other.
                "--fxbank.exchange.ledgers.krw-account-url=http://127.0.0.1:" + FreePorts.pick() + "," + krwProxy.url(),
                "--fxbank.exchange.ledgers.fx-account-url=" + fxProxy.url(),
                "--fxbank.exchange.ledgers.read-timeout=1s",
                "--fxbank.exchange.quote-validity=60s",
                "--fxbank.exchange.lease=10s",
                "--fxbank.exchange.retry.first=300ms",
                "--fxbank.exchange.retry.longest=1s",
                "--fxbank.exchange.retry.max-attempts=4",
                "--fxbank.exchange.retry.slow=2s",
                "--fxbank.exchange.retry.recovery-interval=200ms"), Arrays.stream(overrides))
                .toArray(String[]::new));
    }

    /**
     * The fault tests make the ledgers' circuit breakers open, as they should; the next test starts from a
     * healthy bank instead of waiting for them to close.
     */
    void closeCircuitBreakers() {
        exchange.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers()
                .forEach(CircuitBreaker::reset);
    }

    /**
     * Holds the main instance's circuit breaker for {@code ledger} open until {@link #closeCircuitBreakers}: its calls
     * to that ledger are refused before they leave (not sent), as after an outage the breaker noticed.
     */
    void holdCircuitBreakerOpen(Ledger ledger) {
        exchange.getBean(CircuitBreakerRegistry.class).circuitBreaker(ledger.id())
                .transitionToForcedOpenState();
    }

    void stopExchange() {
        exchange.close();
    }

    private void stopAll() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {exchange, krw, fx}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        krwProxy.close();
        fxProxy.close();
        kafka.destroy();
    }

    // ---- talking to it as its users do

    RestClient customer(String owner) {
        return client(exchangePort(), tokens.mint(owner, Role.CUSTOMER));
    }

    /** A customer of one particular exchange-service instance. */
    RestClient customer(ConfigurableApplicationContext instance, String owner) {
        return client(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")),
                tokens.mint(owner, Role.CUSTOMER));
    }

    /** What Prometheus reads from the exchange service: its management port, no token. */
    String scrapeExchange() {
        return scrape(exchange);
    }

    /** What Prometheus reads from a ledger. */
    String scrapeLedger(Ledger ledger) {
        return scrape(ledgerContext(ledger));
    }

    int exchangeManagementPort() {
        return Integer.parseInt(exchange.getEnvironment().getProperty("local.management.port"));
    }

    private static String scrape(ConfigurableApplicationContext service) {
        return RestClient.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.management.port"))
                .get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    RestClient operator() {
        return client(exchangePort(), tokens.mint("operator", Role.OPERATOR));
    }

    /** An operator of one particular exchange-service instance. */
    RestClient operator(ConfigurableApplicationContext instance) {
        return client(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")),
                tokens.mint("operator", Role.OPERATOR));
    }

    /** A ledger's operator API, called directly (not through the exchange service's proxy). */
    RestClient ledgerOperatorApi(Ledger ledger) {
        return client(ledger == Ledger.KRW_ACCOUNT ? krwPort : fxPort, tokens.mint("operator", Role.OPERATOR));
    }

    String exchangeUrl() {
        return "http://127.0.0.1:" + exchangePort();
    }

    private int exchangePort() {
        return Integer.parseInt(exchange.getEnvironment().getProperty("local.server.port"));
    }

    private LedgerOperator ledgerOperator(Ledger ledger) {
        return LedgerOperator.at(ledger == Ledger.KRW_ACCOUNT ? krwPort : fxPort, tokens);
    }

    private static RestClient client(int port, String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens the customer's account in the currency's ledger and funds it; returns the account id. */
    String openAccount(String owner, String currency, String amount) {
        return ledgerOperator(ledgerOf(currency)).openFunded(owner, currency, amount);
    }

    /** A new customer with {@code krw} KRW and a frozen USD account: every deposit of USD is refused and refunded. */
    String customerWithFrozenUsd(String krw) {
        String owner = newCustomer();
        openAccount(owner, "KRW", krw);
        openAccount(owner, "USD", "0");
        freeze(owner, "USD");
        return owner;
    }

    void freeze(String owner, String currency) {
        Ledger ledger = ledgerOf(currency);
        UUID id = ledgerJdbc(ledger).sql("SELECT id FROM account WHERE owner = :owner AND currency = :currency")
                .param("owner", owner).param("currency", currency).query(UUID.class).single();
        ledgerOperator(ledger).freeze(id.toString());
    }

    BigDecimal balance(String owner, String currency) {
        return ledgerJdbc(ledgerOf(currency)).sql("SELECT balance FROM account WHERE owner = :owner AND currency = :currency")
                .param("owner", owner).param("currency", currency).query(BigDecimal.class).single();
    }

    long ledgerEntries(Ledger ledger, String exchangeId, String kind) {
        return ledgerJdbc(ledger).sql("SELECT count(*) FROM ledger_entry WHERE reference = :ref AND kind = :kind")
                .param("ref", exchangeId).param("kind", kind).query(Long.class).single();
    }

    /** A bean of the main exchange-service instance. */
    <T> T exchangeBean(Class<T> type) {
        return exchange.getBean(type);
    }

    JdbcClient exchangeJdbc() {
        return exchange.getBean(JdbcClient.class);
    }

    private JdbcClient ledgerJdbc(Ledger ledger) {
        return ledgerContext(ledger).getBean(JdbcClient.class);
    }

    private ConfigurableApplicationContext ledgerContext(Ledger ledger) {
        return ledger == Ledger.KRW_ACCOUNT ? krw : fx;
    }

    static Ledger ledgerOf(String currency) {
        return "KRW".equals(currency) ? Ledger.KRW_ACCOUNT : Ledger.FX_ACCOUNT;
    }

    // ---- the customer's journey

    Map<String, Object> quote(String owner, String side, String currency, String amount, String amountCurrency) {
        Map<String, Object> body = new HashMap<>(Map.of("side", side, "currency", currency, "amount", amount));
        if (amountCurrency != null) {
            body.put("amountCurrency", amountCurrency);
        }
        var response = customer(owner).post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JSON);
        assertThat(response.getStatusCode().value()).as("quote %s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    ResponseEntity<Map<String, Object>> exchange(String owner, Object quoteId, String key) {
        var request = customer(owner).post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("quoteId", quoteId)).retrieve().toEntity(JSON);
    }

    Map<String, Object> read(String owner, String exchangeId) {
        return customer(owner).get().uri("/api/v1/exchanges/{id}", exchangeId).retrieve().body(JSON);
    }

    List<String> states(Map<String, Object> exchange) {
        List<String> states = new ArrayList<>();
        for (Object step : (List<?>) exchange.get("history")) {
            states.add((String) ((Map<?, ?>) step).get("to"));
        }
        return states;
    }

}
