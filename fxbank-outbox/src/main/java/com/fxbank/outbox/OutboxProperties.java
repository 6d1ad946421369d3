package com.fxbank.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the relay looks for rows nobody woke it for (after a crash, while Kafka was down)
 * @param batchSize    rows sent per database transaction
 */
@ConfigurationProperties("fxbank.outbox")
public record OutboxProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("200") int batchSize) {
}
