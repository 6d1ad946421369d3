package com.fxbank.issuer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The development issuer's clients.
 *
 * @param serviceClientSecret the exchange service's client secret (client {@code exchange-service})
 * @param subjectClientSecret the secret of every developer client (one per subject, see {@link DevelopmentClients})
 * @param serviceTokenLifetime how long the exchange service's SERVICE token lives before it asks again
 * @param subjectTokenLifetime how long a customer's or operator's token lives (long, for curl on a developer's machine)
 */
@ConfigurationProperties("fxbank.issuer")
public record IssuerProperties(
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String serviceClientSecret,
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String subjectClientSecret,
        @DefaultValue("10m") Duration serviceTokenLifetime,
        @DefaultValue("12h") Duration subjectTokenLifetime) {
}
