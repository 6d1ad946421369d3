package com.fxbank.exchange.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.StateChange;

public interface StartExchangeUseCase {

    /**
     * Runs the exchange's saga as far as it can go now: to a final state, to "refund on its way", or to an
     * unknown outcome that recovery resolves later. A repeat with the same key returns the same exchange.
     */
    StartResult start(StartExchangeCommand command);

    record StartExchangeCommand(String owner, UUID quoteId, String idempotencyKey) {
        public StartExchangeCommand {
            Objects.requireNonNull(owner, "owner is required");
            Objects.requireNonNull(quoteId, "quoteId is required");
            if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new IllegalArgumentException(
                        "the Idempotency-Key header is required: 1 to 128 letters, digits or . _ : -");
            }
        }
    }

    sealed interface StartResult {
        /**
         * @param repeated true when the key had been used for this quote already: nothing new was done
         * @param history  the exchange's whole history when the saga wrote all of it in this request (it drove the new
         *                 exchange to a final state), so that the answer needs no read; empty otherwise
         */
        record Exchanged(Exchange exchange, boolean repeated, Optional<List<StateChange>> history) implements StartResult {
        }

        record QuoteNotFound() implements StartResult {
        }

        record QuoteExpired() implements StartResult {
        }

        record QuoteAlreadyUsed() implements StartResult {
        }

        record KeyUsedForAnotherQuote(Exchange existing) implements StartResult {
        }

        /** The exchange would take the customer past a daily or yearly limit ({@code why} names it and what is left). */
        record OverCustomerLimit(String why) implements StartResult {
        }
    }
}
