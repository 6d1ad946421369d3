package com.fxbank.account.adapter.in.web;

import java.time.Instant;

import com.fxbank.account.domain.Account;
import com.fxbank.common.money.Money;

/** Amounts travel as strings at the currency's minor unit, so no client parses them into a double. */
record AccountResponse(String id, String owner, String currency, String balance, boolean frozen,
                       String maxBalance, String maxWithdrawal, Instant openedAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id().toString(), account.owner().value(),
                account.currency().getCurrencyCode(), account.balance().amount().toPlainString(), account.frozen(),
                account.maxBalance().map(AccountResponse::plain).orElse(null),
                account.maxWithdrawal().map(AccountResponse::plain).orElse(null), account.openedAt());
    }

    static String plain(Money money) {
        return money.amount().toPlainString();
    }
}
