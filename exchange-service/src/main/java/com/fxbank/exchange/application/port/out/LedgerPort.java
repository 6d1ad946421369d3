package com.fxbank.exchange.application.port.out;

import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.LedgerOutcome;

/** The ledgers' saga endpoints: idempotent by exchangeId, so any call may be repeated. */
public interface LedgerPort {

    LedgerOutcome withdraw(Exchange exchange);

    LedgerOutcome deposit(Exchange exchange);

    LedgerOutcome withdrawalStatus(Exchange exchange);

    LedgerOutcome depositStatus(Exchange exchange);
}
