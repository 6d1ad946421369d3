package com.fxbank.exchange.application.service;

import java.util.List;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.DeadLetterUseCase;
import com.fxbank.exchange.application.port.out.DeadLetterPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.DeadLetter;
import org.springframework.transaction.support.TransactionTemplate;

@UseCase
class DeadLetterService implements DeadLetterUseCase {

    private final DeadLetterPort deadLetters;
    private final TransactionTemplate transaction;

    DeadLetterService(DeadLetterPort deadLetters, TransactionTemplate transaction) {
        this.deadLetters = deadLetters;
        this.transaction = transaction;
    }

    @Override
    public List<DeadLetter> deadLetters(String topic, int limit) {
        requireKnown(topic);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        return deadLetters.read(topic, limit);
    }

    @Override
    public ReplayResult replay(String topic, int partition, long offset) {
        requireKnown(topic);
        var found = deadLetters.find(topic, partition, offset);
        if (found.isEmpty()) {
            return new ReplayResult.NotFound();
        }
        try {
            transaction.executeWithoutResult(status -> deadLetters.replay(found.get()));
        } catch (ExchangeStore.AlreadyExistsException replayedBefore) {
            return new ReplayResult.AlreadyReplayed();
        }
        return new ReplayResult.Replayed(found.get());
    }

    private void requireKnown(String topic) {
        if (!deadLetters.topics().contains(topic)) {
            throw new IllegalArgumentException("not a dead-letter topic of the exchange service: '" + topic
                    + "'; known: " + deadLetters.topics());
        }
    }
}
