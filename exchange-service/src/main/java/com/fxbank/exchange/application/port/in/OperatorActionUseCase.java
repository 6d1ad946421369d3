package com.fxbank.exchange.application.port.in;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.operator.OperatorAction;

/** What an operator may do to exchanges, each with a reason, each kept in the actions log. */
public interface OperatorActionUseCase {

    /**
     * Drives an unfinished exchange now rather than at its next scheduled try (after the cause of its wait was
     * fixed). Moves no money by itself: the saga takes its next step as it would have.
     */
    RetryResult retryNow(ExchangeId id, String operator, String reason);

    sealed interface RetryResult {
        record Scheduled(OperatorAction action) implements RetryResult {
        }

        record AlreadyFinal(String state) implements RetryResult {
        }

        record NotFound() implements RetryResult {
        }
    }
}
