package com.fxbank.exchange.config;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.adapter.out.ledger.LedgerEndpoints;
import com.fxbank.exchange.adapter.out.rates.ConfiguredRates;
import com.fxbank.exchange.adapter.out.rates.EcbFeed;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.Positions;
import com.fxbank.exchange.domain.PricingTerms;
import com.fxbank.exchange.domain.QuoteRetention;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.SagaTimings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock; what {@link ExchangeProperties} says, handed to the domain (pricing terms, saga timings, retention,
 * position limits) and to the adapters (the rate sources' and the ledger client's settings), which never read
 * configuration themselves; recovery's scheduler, the ledgers' circuit breakers, and the OpenAPI document (Swagger UI
 * at /swagger-ui.html).
 */
@Configuration
@EnableScheduling
class ServiceConfig {

    /**
     * The system clock in whole microseconds, PostgreSQL's precision: an instant the saga holds (and answers with) is
     * the instant it stores.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    QuoteRetention quoteRetention(ExchangeProperties properties) {
        return new QuoteRetention(properties.quoteRetention(), 1000);
    }

    @Bean
    Positions.Limits positionLimits(ExchangeProperties properties) {
        return new Positions.Limits(properties.currencies().keySet().stream()
                .map(Money::currency).collect(Collectors.toSet()),
                properties.positionLimits());
    }

    @Bean
    ConfiguredRates configuredRates(ExchangeProperties properties) {
        return new ConfiguredRates(properties.rates().configured());
    }

    @Bean
    EcbFeed ecbFeed(ExchangeProperties properties) {
        return properties.rates().ecb();
    }

    @Bean
    LedgerEndpoints ledgerEndpoints(ExchangeProperties properties) {
        return properties.ledgers();
    }

    @Bean
    PricingTerms pricingTerms(ExchangeProperties properties) {
        return properties.pricingTerms();
    }

    @Bean
    LimitTerms limitTerms(ExchangeProperties properties) {
        return properties.limitTerms();
    }

    @Bean
    ReportingTerms reportingTerms(ExchangeProperties properties) {
        return properties.reportingTerms();
    }

    @Bean
    SagaTimings sagaTimings(ExchangeProperties properties) {
        return properties.sagaTimings();
    }

    /**
     * One circuit breaker per ledger: a ledger that keeps failing costs a fast "unknown" instead of a
     * timeout per call, and is tried again after 5 s. Their state is published as metrics.
     */
    @Bean
    CircuitBreakerRegistry circuitBreakers(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    OpenAPI exchangeApi() {
        return new OpenAPI()
                .info(new Info().title("FxBank exchange service").version("v1")
                        .description("Quotes and exchanges between KRW and foreign currencies. Bearer JWT: role CUSTOMER "
                                + "for /api, OPERATOR for /ops."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
