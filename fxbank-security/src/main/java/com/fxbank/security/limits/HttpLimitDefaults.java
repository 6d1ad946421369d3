package com.fxbank.security.limits;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The request limits every FxBank service starts with, added below everything a service or its operator
 * configures, so any of them can still be set. The servlet container and Jackson get them here, the body cap
 * ({@link RequestBodyCap}) from {@link HttpLimits}; the management port's server is built from the same settings.
 *
 * <ul>
 *   <li>Headers: Tomcat reads at most {@code fxbank.http.max-header-size} (16 KB) of request line and headers; more is a
 *       {@code 400}.</li>
 *   <li>Forms: Tomcat parses at most {@code fxbank.http.max-body-size} of a form, the same cap as any body.</li>
 *   <li>JSON, explicitly rather than Jackson's defaults: at most 32 levels of nesting (FxBank's documents have 3 at
 *       most; a 1,000-deep array is a {@code 400}), strings of at most 100,000 characters, numbers of at most
 *       1,000 digits (an amount then still meets its own rule, 15 + 4 digits), property names of at most 1,000.
 *       These also bound what a service reads from another (the console from the bank), where no body cap applies.</li>
 * </ul>
 */
public final class HttpLimitDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "fxbankHttpLimits";
    public static final int MAX_JSON_DEPTH = 32;
    public static final int MAX_JSON_STRING = 100_000;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("fxbank.http.max-body-size", "${FXBANK_HTTP_MAX_BODY_SIZE:" + HttpLimits.DEFAULT_MAX_BODY_SIZE + "}");
        defaults.put("fxbank.http.max-header-size", "${FXBANK_HTTP_MAX_HEADER_SIZE:" + HttpLimits.DEFAULT_MAX_HEADER_SIZE + "}");
        defaults.put("server.max-http-request-header-size", "${fxbank.http.max-header-size}");
        defaults.put("server.tomcat.max-http-form-post-size", "${fxbank.http.max-body-size}");
        String read = "spring.jackson.factory.constraints.read.";
        defaults.put(read + "max-nesting-depth", MAX_JSON_DEPTH);
        defaults.put(read + "max-string-length", MAX_JSON_STRING);
        defaults.put(read + "max-number-length", 1_000);
        defaults.put(read + "max-name-length", 1_000);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
