package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A message the exchange service published for an exchange (the compensation's cancel request, an attention alert)
 * as an operator reads it: when it was written, whether Kafka has it and where, or why it waits.
 *
 * @param partition where Kafka put it, empty until acknowledged
 * @param offset    likewise
 * @param lastError the last failed send's reason, if any
 */
public record SagaMessage(String topic, Instant writtenAt, Optional<Instant> sentAt, Optional<Integer> partition,
                          Optional<Long> offset, int failedSends, Optional<String> lastError, boolean parked) {
}
