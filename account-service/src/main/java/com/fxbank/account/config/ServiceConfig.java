package com.fxbank.account.config;

import java.time.Clock;

import com.fxbank.account.domain.HeldCurrencies;
import com.fxbank.messaging.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, and what the application and the adapters read of this deployment's settings, as values. */
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

    /** Which ledger this deployment is, for the adapters that name its topics (they never read configuration). */
    @Bean
    Ledger thisLedger(LedgerProperties ledger) {
        return ledger.ledger();
    }
}
