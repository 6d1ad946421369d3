package com.fxbank.account.config;

import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fxbank.common.money.Money;
import com.fxbank.messaging.Ledger;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which ledger this deployment is and which currencies it holds.
 *
 * @param id         {@code krw-account} or {@code fx-account}
 * @param currencies ISO 4217 codes of the accounts this ledger may open
 */
@ConfigurationProperties("fxbank.ledger")
public record LedgerProperties(String id, List<String> currencies) {

    public LedgerProperties {
        if (id == null) {
            throw new IllegalArgumentException("fxbank.ledger.id is required: run with the profile krw-account or fx-account");
        }
        Ledger.fromId(id);
        if (currencies == null || currencies.isEmpty()) {
            throw new IllegalArgumentException("fxbank.ledger.currencies must name at least one currency");
        }
        currencies.forEach(Money::currency);
        currencies = List.copyOf(currencies);
    }

    public Ledger ledger() {
        return Ledger.fromId(id);
    }

    public Set<Currency> heldCurrencies() {
        return currencies.stream().map(Money::currency).collect(Collectors.toUnmodifiableSet());
    }
}
