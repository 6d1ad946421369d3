package com.fxbank.exchange.application.port.out;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

/** The bank's own accounts in the ledgers: the desk's POSITION account of each currency each ledger holds. */
public interface BankBooksPort {

    /**
     * The balance of the POSITION account per currency, from both ledgers.
     *
     * @throws BooksUnavailable when a ledger does not answer: a position read from one ledger only is not reported
     */
    Map<Currency, BigDecimal> positions();

    final class BooksUnavailable extends RuntimeException {
        public BooksUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
