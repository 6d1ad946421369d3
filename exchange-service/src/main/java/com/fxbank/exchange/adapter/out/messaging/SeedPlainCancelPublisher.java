package com.fxbank.exchange.adapter.out.messaging;

import java.nio.charset.StandardCharsets;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.posture.DevelopmentMode;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.out.CancelWithdrawalPort;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.WithdrawalCancelRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * <b>The seed's design, for the benchmark only</b>: the cancel request sent with a plain
 * {@code kafkaTemplate.send()} once the transaction that decided it committed — no outbox row. It exists so that one
 * benchmark shows what the outbox costs (`./fxbank load --cancels seed-send`) and what the plain send loses: a send
 * that fails (Kafka away longer than the producer's {@code delivery.timeout.ms}, or the process dying between the
 * commit and the send) is gone — counted in {@code fxbank.seed.cancels.lost} and logged. (FxBank's recovery still
 * publishes a cancel again for an exchange left waiting, through this same plain send; the seed had no such thing,
 * so in the seed each of those is a customer's withdrawal never refunded.)
 *
 * <p>Refused outside development mode: a bank must never run it.
 */
@MessagingAdapter
@ConditionalOnProperty(name = SeedPlainCancelPublisher.SWITCH, havingValue = "true")
class SeedPlainCancelPublisher implements CancelWithdrawalPort {

    static final String SWITCH = "fxbank.benchmark.seed-plain-send";

    private static final Logger log = LoggerFactory.getLogger(SeedPlainCancelPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final MessageCodec codec;
    private final Counter lost;

    SeedPlainCancelPublisher(KafkaTemplate<String, String> kafka, MessageCodec codec, MeterRegistry meters, Environment environment) {
        if (!DevelopmentMode.isDeclared(environment)) {
            throw new IllegalStateException("refusing to start: " + SWITCH + " publishes cancels with a plain send that "
                    + "loses them when it fails; it is for the benchmark only, " + DevelopmentMode.howToDeclare());
        }
        this.kafka = kafka;
        this.codec = codec;
        this.lost = Counter.builder("fxbank.seed.cancels.lost")
                .description("Cancel requests whose plain send failed (the seed's design, benchmark only): lost")
                .register(meters);
        log.warn("BENCHMARK ONLY: cancels are published with the seed's plain kafkaTemplate.send(), not the outbox ({})", SWITCH);
    }

    @Override
    public void cancelWithdrawal(ExchangeId exchangeId, Direction direction) {
        sendAfterCommit(exchangeId, direction);
    }

    @Override
    public void cancelWithdrawalAgain(ExchangeId exchangeId, Direction direction) {
        sendAfterCommit(exchangeId, direction);
    }

    private void sendAfterCommit(ExchangeId exchangeId, Direction direction) {
        Ledger source = Ledger.fromId(direction.source().id());
        String key = exchangeId.toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(source.withdrawalCancelRequestTopic(), key,
                codec.encode(new WithdrawalCancelRequest(key)));
        record.headers().add(MessageHeaders.REPLY_TOPIC, source.withdrawalCancelResponseTopic().getBytes(StandardCharsets.UTF_8));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                send(record);
            }
        });
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            kafka.send(record).whenComplete((sent, failure) -> {
                if (failure != null) {
                    lostOne(record, failure);
                }
            });
        } catch (RuntimeException refused) {
            lostOne(record, refused);
        }
    }

    private void lostOne(ProducerRecord<String, String> record, Throwable why) {
        lost.increment();
        log.error("seed plain send LOST the cancel request of exchange {}: {}", record.key(), why.toString());
    }
}
