package com.fxbank.account.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A message this ledger published for an exchange (its refund's reply), as an operator reads it: when it was written,
 * whether Kafka has it and where, or why it waits.
 */
public record PublishedMessage(String topic, Instant writtenAt, Optional<Instant> sentAt, Optional<Integer> partition,
                               Optional<Long> offset, int failedSends, Optional<String> lastError, boolean parked) {
}
