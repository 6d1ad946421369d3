package com.fxbank.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.operator.OperatorActionLog;
import com.fxbank.outbox.OutboxParking;
import com.fxbank.outbox.OutboxParking.ParkedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's view of the outbox's parked rows, and their release with a reason: the release and its line in the
 * {@link OperatorJournal} commit together, so the journal never shows a release that did not happen.
 */
public class ParkedMessages {

    private static final Logger log = LoggerFactory.getLogger(ParkedMessages.class);

    private final OutboxParking parking;
    private final OperatorActionLog journal;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public ParkedMessages(OutboxParking parking, OperatorActionLog journal, TransactionTemplate transaction, Clock clock) {
        this.parking = parking;
        this.journal = journal;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Parked rows, oldest first. */
    public List<ParkedMessage> list(int limit) {
        return parking.list(limit);
    }

    /** Sends a parked row again; empty when no parked row has that number (so releasing twice is harmless). */
    public Optional<ParkedMessage> release(long seq, String operator, String reason) {
        Optional<ParkedMessage> released = transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<ParkedMessage> row = parking.release(seq, now, operator, reason);
            row.ifPresent(parked -> journal.append(new OperatorAction(now, operator, OperatorAction.Kind.RELEASE_PARKED,
                    parked.key() == null ? "outbox/" + seq : parked.key(), reason,
                    "outbox row " + seq + " to " + parked.topic() + " released after " + parked.attempts() + " failed send(s)")));
            return row;
        });
        released.ifPresent(row -> log.warn("outbox row {} (topic {}, key {}) RELEASED by {} to be sent again: {}", seq,
                row.topic(), row.key(), operator, reason));
        return released;
    }
}
