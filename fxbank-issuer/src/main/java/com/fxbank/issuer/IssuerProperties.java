package com.fxbank.issuer;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The development issuer's clients and people.
 *
 * @param serviceClientSecret the exchange service's client secret (client {@code exchange-service})
 * @param subjectClientSecret the secret of every developer client (one per subject, see {@link DevelopmentClients})
 * @param serviceTokenLifetime how long the exchange service's SERVICE token lives before it asks again
 * @param subjectTokenLifetime how long a customer's or operator's token lives (long, for curl on a developer's machine)
 * @param consoleRedirectUris where the operator console ({@value DevelopmentClients#CONSOLE}) may receive a sign-in;
 *                            none: the console cannot sign anyone in
 * @param consoleClientSecret the console's client secret
 * @param consoleTokenLifetime how long a token from a console sign-in lives (refreshed while the operator works)
 * @param operators who signs in as an operator (everyone else is a customer); see {@link DevelopmentUsers}
 * @param password every development person's password (public, as the client secrets are)
 */
@ConfigurationProperties("fxbank.issuer")
public record IssuerProperties(
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String serviceClientSecret,
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String subjectClientSecret,
        @DefaultValue("10m") Duration serviceTokenLifetime,
        @DefaultValue("12h") Duration subjectTokenLifetime,
        @DefaultValue List<String> consoleRedirectUris,
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String consoleClientSecret,
        @DefaultValue("15m") Duration consoleTokenLifetime,
        @DefaultValue("ops") Set<String> operators,
        @DefaultValue(DevelopmentClients.DEVELOPMENT_SECRET) String password) {
}
