package com.fxbank.security.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of a request any FxBank service reads: no FxBank request needs more than a few hundred
 * bytes of body or a few kilobytes of headers, so one client must not make a service hold or parse megabytes.
 *
 * @param maxBodySize the largest request body, counted while it is read, chunked or not ({@code fxbank.http.max-body-size},
 *                    {@code FXBANK_HTTP_MAX_BODY_SIZE})
 * @param maxHeaderSize the largest request line and headers together ({@code fxbank.http.max-header-size},
 *                      {@code FXBANK_HTTP_MAX_HEADER_SIZE}); a bank's
 *                      identity provider's tokens (a few kilobytes) fit with room to spare
 */
@ConfigurationProperties("fxbank.http")
public record HttpLimits(@DefaultValue(HttpLimits.DEFAULT_MAX_BODY_SIZE) DataSize maxBodySize,
                         @DefaultValue(HttpLimits.DEFAULT_MAX_HEADER_SIZE) DataSize maxHeaderSize) {

    /** The defaults, written once: {@link HttpLimitDefaults} hands them to Tomcat and Jackson. */
    public static final String DEFAULT_MAX_BODY_SIZE = "64KB";
    public static final String DEFAULT_MAX_HEADER_SIZE = "16KB";

    public HttpLimits {
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("fxbank.http.max-body-size must be between 1 byte and 2 GB; got " + maxBodySize);
        }
    }

    int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }
}
