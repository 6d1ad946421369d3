package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.consumedTopics;
import static com.fxbank.faults.Scenarios.keys;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Scenario 6: raw producers inject, into every topic FxBank consumes, copies of the real records so far (each
 * twice, shuffled: duplicates out of order) and poison (not JSON, a wrong type, a key that is not the
 * exchange id, for requests no or a foreign reply topic), while customers go on exchanging. Duplicates
 * have one effect, every poison record lands in its topic's DLT, and no partition stalls: the groups
 * catch up (the audit checks their lag) and new exchanges keep completing.
 */
final class DuplicatesReorderedAndPoisonChangeNothing {

    private static final MessageCodec CODEC = new MessageCodec();

    private DuplicatesReorderedAndPoisonChangeNothing() {
    }

    static void run(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
        List<Customer> customers = bank.seed(scenario.prefix(), 2, 3, 3);
        Map<String, Set<String>> poisonKeys = new LinkedHashMap<>();
        Map<String, Long> realDeadBefore = new LinkedHashMap<>();
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        Map<String, Object> producerSettings = new HashMap<>(SeedKafkaSettings.producer());
        producerSettings.putAll(bank.kafkaSettings());
        try (load; KafkaProducer<String, String> raw = new KafkaProducer<>(producerSettings)) {
            load.awaitAnswered(80, ANSWERS);
            await().atMost(ANSWERS).until(() -> consumedTopics().stream().allMatch(t -> kafka.written(t) > 0));
            for (String topic : consumedTopics()) {
                realDeadBefore.put(topic, kafka.readAll(Topics.deadLetterOf(topic)).size() * 1L);
                List<ConsumerRecord<String, String>> real = kafka.readAll(topic);
                List<ConsumerRecord<String, String>> copies = new ArrayList<>(real.subList(Math.max(0, real.size() - 100), real.size()));
                copies.addAll(List.copyOf(copies));
                Collections.shuffle(copies);
                for (ConsumerRecord<String, String> copy : copies) {
                    ProducerRecord<String, String> again = new ProducerRecord<>(topic, copy.key(), copy.value());
                    for (Header header : copy.headers()) {
                        again.headers().add(header);
                    }
                    raw.send(again);
                }
                Set<String> poison = new HashSet<>();
                for (ProducerRecord<String, String> record : poisonFor(topic)) {
                    poison.add(record.key());
                    raw.send(record);
                }
                raw.flush();
                poisonKeys.put(topic, poison);
                scenario.fault("into " + topic + ": " + copies.size() + " copies of its last " + copies.size() / 2
                        + " real records, shuffled, and " + poison.size() + " poison records");
            }
            scenario.healed("injection done");
            load.awaitAnswered(80, ANSWERS);
            for (Map.Entry<String, Set<String>> topic : poisonKeys.entrySet()) {
                String dlt = Topics.deadLetterOf(topic.getKey());
                await().atMost(ANSWERS).pollInterval(Duration.ofSeconds(1))
                        .until(() -> keys(kafka.readAll(dlt)).containsAll(topic.getValue()));
                long realDead = kafka.readAll(dlt).stream().filter(r -> !topic.getValue().contains(r.key())).count()
                        - realDeadBefore.get(topic.getKey());
                scenario.fact(topic.getKey() + ": all " + topic.getValue().size() + " poison records in " + dlt
                        + ", " + realDead + " copies of real records there");
                assertThat(realDead).as("copies of real records dead-lettered from " + topic.getKey()).isZero();
            }
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static List<ProducerRecord<String, String>> poisonFor(String topic) {
        Ledger ledger = Ledger.fromId(topic.substring(0, topic.indexOf('.')));
        boolean request = topic.equals(ledger.withdrawalCancelRequestTopic());
        Function<String, Object> valid = id -> request ? new WithdrawalCancelRequest(id)
                : new WithdrawalCancelResponse(id, WithdrawalCancelResponse.Outcome.REFUNDED);
        List<ProducerRecord<String, String>> poison = new ArrayList<>();
        poison.add(new ProducerRecord<>(topic, poisonKey(), "{not json"));
        poison.add(new ProducerRecord<>(topic, poisonKey(), "{\"type\":\"NO_SUCH_MESSAGE\",\"version\":1,\"payload\":{}}"));
        poison.add(new ProducerRecord<>(topic, poisonKey(), CODEC.encode(valid.apply(UUID.randomUUID().toString()))));
        poison.forEach(record -> record.headers().add(MessageHeaders.REPLY_TOPIC,
                ledger.withdrawalCancelResponseTopic().getBytes(StandardCharsets.UTF_8)));
        if (request) {
            String id = UUID.randomUUID().toString();
            poison.add(new ProducerRecord<>(topic, id, CODEC.encode(new WithdrawalCancelRequest(id)))); // no reply topic
            String other = UUID.randomUUID().toString();
            ProducerRecord<String, String> foreign = new ProducerRecord<>(topic, other, CODEC.encode(new WithdrawalCancelRequest(other)));
            foreign.headers().add(MessageHeaders.REPLY_TOPIC, "somewhere.else".getBytes(StandardCharsets.UTF_8));
            poison.add(foreign);
        }
        return poison;
    }

    private static String poisonKey() {
        return "poison-" + UUID.randomUUID();
    }
}
