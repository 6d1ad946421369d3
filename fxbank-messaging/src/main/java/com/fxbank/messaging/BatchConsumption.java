package com.fxbank.messaging;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.fxbank.common.batch.EachCommand;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * How a batch listener handles a poll's records — all in one database transaction, and one at a time only
 * when that fails — without giving up any of the seed's rules.
 *
 * <ol>
 *   <li><b>Together.</b> The listener's {@code together} step handles the whole batch in one transaction and returns
 *       the indexes of the records it leaves for one at a time (those the batch cannot decide). If it throws, its
 *       transaction rolled back whole and every record is left for one at a time.</li>
 *   <li><b>One at a time</b>, in order, each in its own transaction, exactly as a record listener would. The first
 *       record that fails is named to the error handler ({@link BatchListenerFailedException}), which commits the
 *       offsets before it, retries it or sends it alone to the dead-letter topic (R7), and redelivers those after it.
 *       </li>
 *   <li>The caller acknowledges the batch only after both steps returned (R6): a crash before that redelivers the
 *       batch, and every consumer is idempotent (R9).</li>
 * </ol>
 * Each record's own work runs inside a consumer observation of that record (Spring Kafka observes only record
 * listeners), so that each exchange's trace keeps its consumer span and what it wrote (an outbox row) stays in it.
 */
public final class BatchConsumption {

    private static final Logger log = LoggerFactory.getLogger(BatchConsumption.class);

    private final ObservationRegistry observations;
    private final String listenerId;
    private final String groupId;

    public BatchConsumption(ObservationRegistry observations, String listenerId, String groupId) {
        this.observations = observations;
        this.listenerId = listenerId;
        this.groupId = groupId;
    }

    /**
     * @param together the whole batch in one transaction, given what to run around each record's part; returns the
     *                 indexes it left for {@code single}
     * @param single   one record in its own transaction; throws if it cannot be handled
     */
    public void consume(List<ConsumerRecord<String, String>> records,
                        Function<EachCommand, List<Integer>> together, Consumer<ConsumerRecord<String, String>> single) {
        List<Integer> oneByOne = inOneTransaction(records, together)
                .orElseGet(() -> IntStream.range(0, records.size()).boxed().toList());
        for (int index : oneByOne) {
            ConsumerRecord<String, String> record = records.get(index);
            try {
                observed(record, () -> single.accept(record));
            } catch (RuntimeException | Error failed) {
                // An Error too is this record's failure here, as it is for a record listener: retried, then
                // dead-lettered alone (replayable); let through, Spring Kafka would stop the container for good
                // while the service still answered as healthy.
                throw new BatchListenerFailedException(record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " failed: " + failed, failed, index);
            }
        }
    }

    private Optional<List<Integer>> inOneTransaction(List<ConsumerRecord<String, String>> records,
                                                     Function<EachCommand, List<Integer>> together) {
        try {
            return Optional.of(together.apply((index, part) -> observed(records.get(index), part)));
        } catch (RuntimeException | Error batchFailed) {
            // Whatever it was (a poison record, the database away, even an Error), the batch's transaction rolled back
            // whole; one record at a time finds which record it was, or fails on the first (and nothing long-lived is
            // left half-done: the next poll starts afresh).
            if (batchFailed instanceof Error) {
                log.warn("a batch of {} record(s) failed together with an Error; handling them one at a time", records.size(),
                        batchFailed);
            } else {
                log.debug("a batch of {} record(s) failed together ({}); handling them one at a time", records.size(),
                        batchFailed.toString());
            }
            return Optional.empty();
        }
    }

    /** The record's work as a consumer span of the trace its headers carry, as Spring Kafka's record listeners make it. */
    public void observed(ConsumerRecord<String, String> record, Runnable work) {
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, listenerId, listenerId, groupId, () -> null), observations)
                .observe(work);
    }
}
