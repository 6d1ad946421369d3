package com.fxbank.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.messaging.StoredTrace;
import com.fxbank.outbox.OutboxRows.BirthClaim;
import com.fxbank.outbox.OutboxRows.Claimed;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * DESIGN B1: the only way an FxBank service publishes. The message is a row written in the caller's
 * transaction, so it exists exactly when the state change that caused it exists; the {@link OutboxRelay}
 * sends it after the commit (at once, or by its poller after a crash or while Kafka is down) and marks it
 * sent only after the broker acknowledged it. The row is written claimed by this instance's relay, which is handed
 * it after the commit: no transaction of the relay's comes between the commit and the send. A plain {@code kafkaTemplate.send()} after the commit would
 * lose the message when the process dies in between.
 */
public class Outbox {

    private final OutboxRows rows;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ObservationRegistry observations;

    Outbox(OutboxRows rows, OutboxRelay relay, Clock clock, ObservationRegistry observations) {
        this.rows = rows;
        this.relay = relay;
        this.clock = clock;
        this.observations = observations;
    }

    /**
     * Must run inside the business transaction; there is deliberately no way to call it outside one. The row keeps the
     * current trace (a span {@code fxbank.outbox.enqueue} of it), which the relay continues when it sends the row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutboxMessage message) {
        UUID id = UUID.randomUUID();
        long bornAt = System.nanoTime();
        Instant now = clock.instant();
        Optional<BirthClaim> claim = relay.birthClaim(now);
        List<Claimed> written = new ArrayList<>(1);
        StoredTrace.capture(observations, "fxbank.outbox.enqueue", message.topic(), traceContext -> {
            Claimed row = Claimed.born(id, message, traceContext);
            written.add(row);
            return rows.insert(OutboxRows.newRow(row, now, claim));
        });
        handOverAfterCommit(written, claim.isPresent(), bornAt);
        return id;
    }

    /**
     * Many messages of one transaction written in one batched statement. Each {@link Batch#add} takes the
     * current trace (a span {@code fxbank.outbox.enqueue}, as {@link #enqueue} does), so a batch consumer adds each
     * message inside its record's span; {@link Batch#write} writes them all, still inside the business transaction.
     */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final List<Claimed> added = new ArrayList<>();

        private Batch() {
        }

        public void add(OutboxMessage message) {
            StoredTrace.capture(observations, "fxbank.outbox.enqueue", message.topic(),
                    traceContext -> added.add(Claimed.born(UUID.randomUUID(), message, traceContext)));
        }

        /** Writes what was added, in the caller's transaction (there must be one). */
        public void write() {
            if (added.isEmpty()) {
                return;
            }
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalTransactionStateException(
                        "an outbox batch is written in the business transaction, and there is none");
            }
            long bornAt = System.nanoTime();
            Instant now = clock.instant();
            Optional<BirthClaim> claim = relay.birthClaim(now);
            rows.insertAll(added.stream().map(row -> OutboxRows.newRow(row, now, claim)).toList());
            handOverAfterCommit(List.copyOf(added), claim.isPresent(), bornAt);
            added.clear();
        }
    }

    /** After the commit the relay is handed the rows it claimed at birth, or woken to poll for unclaimed ones. */
    private void handOverAfterCommit(List<Claimed> written, boolean claimedAtBirth, long bornAt) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (claimedAtBirth) {
                    relay.handOver(written, bornAt);
                } else {
                    relay.wakeUp();
                }
            }
        });
    }

    /**
     * Like {@link #enqueue}, unless a message with the same topic and key is still waiting to be sent: for
     * messages sent again in case an earlier one was lost downstream. While the earlier one has not even
     * left the outbox (Kafka is down), another copy adds nothing but a backlog — the fault suite saw a
     * one-minute Kafka outage pile up ten copies per waiting exchange. Empty when nothing was written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> enqueueUnlessPending(OutboxMessage message) {
        return rows.hasUnsent(message.topic(), message.key()) ? Optional.empty() : Optional.of(enqueue(message));
    }
}
