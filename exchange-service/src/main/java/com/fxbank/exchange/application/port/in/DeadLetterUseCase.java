package com.fxbank.exchange.application.port.in;

import java.util.List;

import com.fxbank.exchange.domain.DeadLetter;

/**
 * Operators read what the exchange service's consumers gave up on (the {@code .DLT} topics of the
 * response topics) and replay a record to its original topic once the cause is fixed. A record is
 * replayed at most once.
 */
public interface DeadLetterUseCase {

    List<DeadLetter> deadLetters(String topic, int limit);

    ReplayResult replay(String topic, int partition, long offset);

    sealed interface ReplayResult {
        record Replayed(DeadLetter deadLetter) implements ReplayResult {
        }

        record AlreadyReplayed() implements ReplayResult {
        }

        record NotFound() implements ReplayResult {
        }
    }
}
