package com.fxbank.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What an operator must see of the topics a service consumes: how many records wait in each {@code .DLT}
 * ({@code fxbank_kafka_dead_letters{topic}}) and how far the service's consumer group is behind on each consumed
 * topic ({@code fxbank_kafka_consumer_lag{group,topic}}). Read with the admin client every {@code interval} on a
 * thread of its own, so that a scrape never waits for Kafka; a value that cannot be read is NaN, not a stale figure.
 */
public class KafkaBacklogGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaBacklogGauges.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Map<String, Object> adminConfig;
    private final String group;
    private final List<String> consumed;
    private final Duration interval;
    private final Map<String, Double> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Double> lag = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService reader;
    private volatile Admin admin;

    public KafkaBacklogGauges(Map<String, Object> adminConfig, String group, List<String> consumed, Duration interval,
                              MeterRegistry meters) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.group = group;
        this.consumed = List.copyOf(consumed);
        this.interval = interval;
        for (String topic : consumed) {
            String deadLetter = Topics.deadLetterOf(topic);
            deadLetters.put(deadLetter, Double.NaN);
            Gauge.builder("fxbank.kafka.dead.letters", deadLetters, values -> values.getOrDefault(deadLetter, Double.NaN))
                    .description("records in a dead-letter topic of a topic this service consumes")
                    .tag("topic", deadLetter).register(meters);
            lag.put(topic, Double.NaN);
            Gauge.builder("fxbank.kafka.consumer.lag", lag, values -> values.getOrDefault(topic, Double.NaN))
                    .description("records of a consumed topic not yet committed by this service's consumer group")
                    .tag("group", group).tag("topic", topic).register(meters);
        }
    }

    /** One reading of every gauge; public for tests that must not wait for the schedule. */
    public void read() {
        Admin client = admin;
        if (client == null) {
            return;
        }
        try {
            List<String> topics = new ArrayList<>(consumed);
            consumed.forEach(topic -> topics.add(Topics.deadLetterOf(topic)));
            Map<String, TopicDescription> described = client.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            described.forEach((name, description) -> description.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            Map<TopicPartition, Long> earliest = offsets(client, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(client, partitions, OffsetSpec.latest());
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (String topic : consumed) {
                String deadLetter = Topics.deadLetterOf(topic);
                deadLetters.put(deadLetter, (double) sum(partitions, deadLetter,
                        tp -> latest.get(tp) - earliest.get(tp)));
                lag.put(topic, (double) sum(partitions, topic, tp -> {
                    OffsetAndMetadata done = committed.get(tp);
                    long from = done == null ? earliest.get(tp) : done.offset();
                    return Math.max(0, latest.get(tp) - from);
                }));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            deadLetters.replaceAll((topic, value) -> Double.NaN);
            lag.replaceAll((topic, value) -> Double.NaN);
            log.debug("dead letters and lag not read: {}", e.toString());
        }
    }

    private static long sum(List<TopicPartition> partitions, String topic,
                            ToLongFunction<TopicPartition> each) {
        return partitions.stream().filter(tp -> tp.topic().equals(topic)).mapToLong(each).sum();
    }

    private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(tp -> asked.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answers = client.listOffsets(asked).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void start() {
        if (consumed.isEmpty()) {
            return;
        }
        admin = Admin.create(adminConfig);
        reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fxbank-kafka-backlog");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleWithFixedDelay(this::readOrBlank, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A scheduled task that throws is never run again: an Error (OutOfMemoryError) would leave the gauges frozen at
     * their last values, looking healthy. It blanks them instead and the next reading comes as scheduled.
     */
    private void readOrBlank() {
        try {
            read();
        } catch (Throwable t) { // NOPMD: see above
            deadLetters.replaceAll((topic, value) -> Double.NaN);
            lag.replaceAll((topic, value) -> Double.NaN);
            log.warn("dead letters and lag not read: {}", t.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = reader;
        reader = null;
        if (running != null) {
            running.shutdownNow();
        }
        Admin client = admin;
        admin = null;
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }
}
