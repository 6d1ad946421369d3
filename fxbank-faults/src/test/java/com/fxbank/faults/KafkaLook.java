package com.fxbank.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the fault scenarios read from Kafka from the outside: offsets, leaders, groups, whole topics. */
final class KafkaLook {

    /** {@code bootstrap.servers} and, on a secured cluster, an operator's credentials. */
    private final Map<String, Object> clientSettings;

    KafkaLook(Map<String, Object> clientSettings) {
        this.clientSettings = Map.copyOf(clientSettings);
    }

    private Admin admin() {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(settings);
    }

    List<TopicPartitionInfo> partitions(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            return description.partitions();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    /** Takes away {@code user}'s right to write {@code topic} (on the secured cluster), as a broken ACL change would. */
    void denyWrites(String user, String topic) {
        try (Admin admin = admin()) {
            admin.deleteAcls(List.of(writeAcl(user, topic).toFilter())).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove the write ACL of " + user + " on " + topic, e);
        }
    }

    void allowWrites(String user, String topic) {
        try (Admin admin = admin()) {
            admin.createAcls(List.of(writeAcl(user, topic))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot restore the write ACL of " + user + " on " + topic, e);
        }
    }

    private static AclBinding writeAcl(String user, String topic) {
        return new AclBinding(
                new ResourcePattern(ResourceType.TOPIC,
                        topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*",
                        AclOperation.WRITE, AclPermissionType.ALLOW));
    }

    /** The sum of the topic's end offsets: how many records were ever written to it. */
    long written(String topic) {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + topic, e);
        }
    }

    /** The offsets a consumer group committed on a topic (a partition it never committed on is absent). */
    Map<TopicPartition, Long> committed(String group, String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            all.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }

    ConsumerGroupDescription group(String group) {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group, e);
        }
    }

    /** The partitions of the given topics that some member of the group is assigned. */
    Set<TopicPartition> assigned(String group, Collection<String> topics) {
        return group(group).members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .filter(partition -> topics.contains(partition.topic()))
                .collect(Collectors.toSet());
    }

    void createTopic(String topic, int partitions, int replicationFactor) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    /** Every record of the topic written so far (up to the end offsets read first). */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<TopicPartition, Long> end = endOffsets(topic);
        return read(end.keySet().stream().collect(Collectors.toMap(p -> p, p -> 0L)), end);
    }

    /** The records of each partition from {@code from} (inclusive) up to {@code to} (exclusive). */
    List<ConsumerRecord<String, String>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "fault-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> wanted = from.keySet().stream()
                    .filter(p -> from.get(p) < to.getOrDefault(p, 0L)).toList();
            consumer.assign(wanted);
            wanted.forEach(p -> consumer.seek(p, from.get(p)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!wanted.stream().allMatch(p -> consumer.position(p) >= to.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + from + " .. " + to + " within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
