package com.fxbank.account.application.port.in;

import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.money.Money;

/**
 * The ledger's part in an exchange saga, called by the exchange service only (DESIGN B2, B6). Every call
 * is idempotent by (exchangeId, kind): a repeat returns the first result and moves no money.
 */
public interface LedgerSagaUseCase {

    SagaResult withdraw(SagaCommand command);

    SagaResult deposit(SagaCommand command);

    /** What this ledger did for that step of that exchange, if anything (empty = NOT_FOUND). */
    Optional<SagaOperation> status(ExchangeId exchangeId, SagaOperation.Kind kind);

    /** Take (or give) {@code amount} from (to) the owner's account in the amount's currency. */
    record SagaCommand(ExchangeId exchangeId, Owner owner, Money amount) {
        public SagaCommand {
            Objects.requireNonNull(exchangeId, "exchangeId is required");
            Objects.requireNonNull(owner, "owner is required");
            Objects.requireNonNull(amount, "amount is required");
            amount.requirePositive();
        }
    }

    sealed interface SagaResult {
        /** The step's stored outcome: APPLIED or REFUSED (also for a repeat), or CANCELED / REFUNDED. */
        record Recorded(SagaOperation operation) implements SagaResult {
        }

        /** The exchangeId was used before with another owner or amount: nothing done. */
        record ConflictingRepeat(SagaOperation existing) implements SagaResult {
        }
    }
}
