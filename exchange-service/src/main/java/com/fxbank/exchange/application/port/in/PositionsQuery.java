package com.fxbank.exchange.application.port.in;

import java.time.Instant;

import com.fxbank.exchange.domain.Positions;

/** The FX desk's positions across both ledgers and the spread earned (role OPERATOR). */
public interface PositionsQuery {

    /**
     * The positions now and the spread earned by the exchanges completed in [from, to).
     *
     * @throws com.fxbank.exchange.application.port.out.BankBooksPort.BooksUnavailable when a ledger does not answer
     */
    Positions positions(Instant from, Instant to);

    /** The currencies the desk watches and their limits, from configuration (no ledger asked). */
    Positions.Limits limits();
}
