package com.fxbank.exchange.application.port.out;

import java.util.List;
import java.util.Optional;

import com.fxbank.exchange.domain.DeadLetter;

public interface DeadLetterPort {

    /** The dead-letter topics an operator may read and replay from. */
    List<String> topics();

    List<DeadLetter> read(String topic, int limit);

    Optional<DeadLetter> find(String topic, int partition, long offset);

    /**
     * In the caller's transaction: remembers the replay (once per record) and publishes the record to its
     * original topic through the outbox.
     *
     * @throws ExchangeStore.AlreadyExistsException if the record was replayed before
     */
    void replay(DeadLetter deadLetter);
}
