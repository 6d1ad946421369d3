package com.fxbank.operations;

/**
 * How a service gives a dead letter to its consumer again when an operator replays it; runs inside the replay's
 * transaction, so a redelivery that throws records no replay and changes nothing.
 */
@FunctionalInterface
public interface Redelivery {

    void redeliver(DeadLetter letter);

    /** Publish it again to the topic it came from, through the outbox (the default). */
    static Redelivery republish(com.fxbank.outbox.Outbox outbox) {
        return letter -> outbox.enqueue(com.fxbank.outbox.OutboxMessage.of(letter.originalTopic(), letter.key(), letter.value()));
    }
}
