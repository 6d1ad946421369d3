package com.fxbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The one-pass reader of the Authorization header answers exactly as Spring Security's own resolver does. */
class HeaderBearerTokenTest {

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
    private final HeaderBearerToken ours = new HeaderBearerToken();

    @Test
    void answersAsSpringSecuritysResolverForEveryKindOfHeader() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "bearer abc", "BEARER abc", "Bearer abc==",
                "Bearer a-b.c_d~e+f/g", "Bearer ", "Bearer", "Bearerabc", "Bearer  abc", "Bearer abc ", "Bearer a=b",
                "Bearer =", "Bearer abc\n", "Bearer ab%c", "Bearer ab c", "Bearer \u00e9", "Basic dXNlcjpwYXNz", "",
                "Bear abc", "Bearer abc\u0000", "Digest x", "bearer\tabc", "Bearer" + " a".repeat(3)));
        Random random = new Random(29);
        String alphabet = "aZ09-._~+/= \t%\u00e9\n";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder token = new StringBuilder(random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bEaReR " : "Bearer");
            for (int n = random.nextInt(12); n > 0; n--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(token.toString());
        }
        for (String header : headers) {
            assertThat(answer(ours, header)).as("Authorization: [%s]", header).isEqualTo(answer(spring, header));
        }
        assertThat(answer(ours, null)).isEqualTo(answer(spring, null)).isEqualTo("none");
    }

    private static String answer(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
                                 String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            String token = resolver.resolve(request);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
