package com.fxbank.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows the relay parked (a topic it may not write, a record Kafka refuses, a row failing alone for
 * {@code park-after} tries), and the one way to send such a row again once its cause is fixed: a release clears the
 * row's tries and pause, records who released it, when and why, and wakes the relay after the commit; the row then
 * goes through the relay like any other (claimed, sent, marked), so it is never sent twice at once. The operator's
 * action around it (its journal line) is the operations module's.
 */
public class OutboxParking {

    private final OutboxRows rows;
    private final OutboxRelay relay;

    OutboxParking(OutboxRows rows, OutboxRelay relay) {
        this.rows = rows;
        this.relay = relay;
    }

    /** A parked row as an operator sees it (the payload stays in the table). */
    public record ParkedMessage(long seq, UUID id, String topic, String key, int attempts, String lastError,
                                Instant createdAt, Instant parkedAt, Instant releasedAt, String releasedBy) {
    }

    /** Parked rows, oldest first. */
    public List<ParkedMessage> list(int limit) {
        return rows.parked(limit);
    }

    /**
     * Back to WAITING, in the caller's transaction; empty when no parked row has that number (never parked, released
     * already, sent): releasing twice is harmless, the second finds nothing parked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ParkedMessage> release(long seq, Instant now, String operator, String reason) {
        Optional<ParkedMessage> released = rows.release(seq, now, operator, reason);
        released.ifPresent(row -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        }));
        return released;
    }
}
