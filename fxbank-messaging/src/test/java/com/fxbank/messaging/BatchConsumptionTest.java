package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The batch rules on their own (the Kafka and database side: CancelBatchTest, ReplyBatchTest): a batch that fails —
 * even with an Error — is handled one record at a time, and the record that fails one at a time is named by its index,
 * so that it alone is retried and dead-lettered and the consumer thread goes on.
 */
class BatchConsumptionTest {

    private final BatchConsumption batches = new BatchConsumption(ObservationRegistry.create(), "test", "test-group");
    private final List<ConsumerRecord<String, String>> records = List.of(record(0), record(1), record(2));

    @Test
    void a_batch_that_succeeds_leaves_only_what_it_returns_for_one_at_a_time() {
        List<String> single = new ArrayList<>();
        batches.consume(records, each -> List.of(2), record -> single.add(record.key()));
        assertThat(single).containsExactly("k2");
    }

    @Test
    void a_batch_that_fails_with_an_error_is_handled_one_record_at_a_time() {
        List<String> single = new ArrayList<>();
        batches.consume(records, each -> {
            throw new OutOfMemoryError("simulated");
        }, record -> single.add(record.key()));
        assertThat(single).containsExactly("k0", "k1", "k2");
    }

    @Test
    void the_record_that_fails_one_at_a_time_is_named_by_its_index_with_its_cause() {
        List<String> single = new ArrayList<>();
        assertThatThrownBy(() -> batches.consume(records, each -> {
            throw new PoisonMessageException("not JSON");
        }, record -> {
            if (record.key().equals("k1")) {
                throw new StackOverflowError("deep");
            }
            single.add(record.key());
        })).isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
            assertThat(failed.getIndex()).isEqualTo(1);
            assertThat(failed.getCause()).isInstanceOf(StackOverflowError.class);
            assertThat(failed.getMessage()).contains("topic-0@101", "StackOverflowError");
        });
        assertThat(single).as("the records before it were handled").containsExactly("k0");
    }

    private static ConsumerRecord<String, String> record(int i) {
        return new ConsumerRecord<>("topic", 0, 100 + i, "k" + i, "v" + i);
    }
}
