package com.fxbank.account.config;

import java.time.Clock;

import com.fxbank.account.domain.HeldCurrencies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, and what the application reads of this deployment's settings, as domain values. */
@Configuration
class ServiceConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HeldCurrencies heldCurrencies(LedgerProperties ledger) {
        return new HeldCurrencies(ledger.heldCurrencies());
    }
}
