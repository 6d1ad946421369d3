package com.fxbank.security.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The cap as configured: its size from {@code FXBANK_HTTP_MAX_BODY_SIZE}, the same for Tomcat's form limit. */
class RequestBodyCapTest {

    @Test
    void the_configured_cap_takes_a_body_of_its_size_whole_and_refuses_one_byte_more_unread() throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("FXBANK_HTTP_MAX_BODY_SIZE", "1KB");
        new HttpLimitDefaults().postProcessEnvironment(environment, new SpringApplication());
        HttpLimits limits = Binder.get(environment).bind("fxbank.http", HttpLimits.class).get();
        assertThat(limits.maxBodySize().toBytes()).isEqualTo(1024);
        assertThat(environment.getProperty("server.tomcat.max-http-form-post-size")).isEqualTo("1KB");
        assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("16KB");
        RequestBodyCap cap = new RequestBodyCap(limits);

        for (boolean chunked : new boolean[] {false, true}) {
            AtomicReference<byte[]> seen = new AtomicReference<>();
            MockHttpServletResponse accepted = new MockHttpServletResponse();
            cap.doFilter(request(1024, chunked), accepted,
                    (request, response) -> seen.set(request.getInputStream().readAllBytes()));
            assertThat(seen.get()).as("chunked " + chunked).hasSize(1024);

            MockHttpServletResponse refused = new MockHttpServletResponse();
            cap.doFilter(request(1025, chunked), refused, (request, response) -> seen.set(null));
            assertThat(seen.get()).as("nothing further in ran").isNotNull();
            assertThat(refused.getStatus()).isEqualTo(413);
            assertThat(refused.getContentType()).isEqualTo("application/problem+json");
            assertThat(refused.getHeader("Connection")).isEqualTo("close");
            assertThat(refused.getContentAsString()).contains("\"status\":413", "at most 1024 bytes");
        }
    }

    private static MockHttpServletRequest request(int size, boolean chunked) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/quotes");
        request.setContentType("application/json");
        request.setContent(" ".repeat(size - 2).concat("{}").getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            // MockHttpServletRequest reports the content's length; a chunked request declares none.
            MockHttpServletRequest undeclared = new MockHttpServletRequest("POST", "/api/v1/quotes") {
                @Override
                public long getContentLengthLong() {
                    return -1;
                }

                @Override
                public int getContentLength() {
                    return -1;
                }
            };
            undeclared.setContentType("application/json");
            undeclared.setContent(request.getContentAsByteArray());
            undeclared.addHeader("Transfer-Encoding", "chunked");
            return undeclared;
        }
        return request;
    }
}
