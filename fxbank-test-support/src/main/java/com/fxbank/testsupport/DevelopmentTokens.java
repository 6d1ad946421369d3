package com.fxbank.testsupport;

import java.util.List;

import com.fxbank.common.net.FreePorts;
import com.fxbank.issuer.DevelopmentIssuerApplication;
import com.fxbank.issuer.IssuerTokens;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one source of tokens for every test: the real development issuer (Spring Authorization Server), started
 * once per test JVM on a free port. Services under test are pointed at it ({@link #register}, {@link #issuerUri})
 * and hold no key; tests ask it for tokens by client credentials, as {@code ./fxbank token} does.
 */
public final class DevelopmentTokens {

    private static ConfigurableApplicationContext issuer;
    private static String issuerUri;
    private static IssuerTokens tokens;

    private DevelopmentTokens() {
    }

    public static synchronized String issuerUri() {
        if (issuer == null) {
            int port = FreePorts.pick();
            SpringApplication application = DevelopmentIssuerApplication.application();
            issuer = application.run("--server.port=" + port, "--fxbank.development-mode=true");
            issuerUri = "http://127.0.0.1:" + port;
            tokens = IssuerTokens.of(issuerUri);
        }
        return issuerUri;
    }

    public static IssuerTokens issuer() {
        issuerUri();
        return tokens;
    }

    /** For a {@code @DynamicPropertySource}: the service under test trusts the development issuer. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("fxbank.security.issuer-uri", DevelopmentTokens::issuerUri);
    }

    /** The same as command-line arguments, for a service started as an application or a process. */
    public static List<String> serviceArgs() {
        return List.of("--fxbank.security.issuer-uri=" + issuerUri());
    }

    /**
     * A token with claims the issuer itself would never put in one (no subject, an absurd one, expired), signed with
     * the issuer's own key: what a test of the services' claim checks needs, since the signature is then not what
     * refuses it.
     */
    public static String signedByTheIssuer(JwtClaimsSet claims) {
        issuerUri();
        @SuppressWarnings("unchecked")
        JWKSource<SecurityContext> keys = issuer.getBean(JWKSource.class);
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(claims)).getTokenValue();
    }
}
