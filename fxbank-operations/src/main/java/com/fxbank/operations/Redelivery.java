package com.fxbank.operations;

import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;

/**
 * How a service gives a dead letter to its consumer again when an operator replays it; runs inside the replay's
 * transaction, so a redelivery that throws records no replay and changes nothing.
 */
@FunctionalInterface
public interface Redelivery {

    void redeliver(DeadLetter letter);

    /** Publish it again to the topic it came from, through the outbox (the default). */
    static Redelivery republish(Outbox outbox) {
        return letter -> outbox.enqueue(OutboxMessage.of(letter.originalTopic(), letter.key(), letter.value()));
    }
}
