package com.fxbank.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fxbank.common.net.FreePorts;
import com.fxbank.devkafka.EmbeddedKafka;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import com.fxbank.testsupport.DevelopmentTokens;
import com.fxbank.testsupport.LedgerOperator;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The images the build made run: each is unpacked layer by layer into a root filesystem and started from it as a
 * container runtime would (its entrypoint, its user, its environment; {@link Image}) — the exchange service from its
 * image, krw-account and fx-account from the account service's — against the local PostgreSQL, a Kafka broker and the
 * development issuer. Each says it is ready, and one exchange goes through all three. And the images are what they
 * claim: layered (the base, the dependencies, the application), a non-root user, labels naming version and revision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageRunsTest {

    private static final Path MODULES = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> running = new ArrayList<>();
    private Path work;
    private EmbeddedKafka kafka;
    private Image exchangeImage;
    private Image accountImage;
    private Image consoleImage;
    private int exchangePort;
    private int krwPort;
    private int fxPort;

    @BeforeAll
    void startTheServicesFromTheirImages() throws Exception {
        assertThat(Image.run(List.of("id", "-u")).strip())
                .as("unpacking an image and starting it in a chroot needs root (CI runs as root)").isEqualTo("0");
        work = Files.createDirectories(Path.of("target", "image-runs", UUID.randomUUID().toString().substring(0, 8)))
                .toAbsolutePath();
        exchangeImage = Image.read(MODULES.resolve("exchange-service/target/exchange-service-image.tar"), work.resolve("exchange"));
        accountImage = Image.read(MODULES.resolve("account-service/target/account-service-image.tar"), work.resolve("account"));
        consoleImage = Image.read(MODULES.resolve("fxbank-console/target/fxbank-console-image.tar"), work.resolve("console"));
        kafka = EmbeddedKafka.start(FreePorts.pick(), Files.createDirectories(work.resolve("kafka")));
        exchangePort = FreePorts.pick();
        krwPort = FreePorts.pick();
        fxPort = FreePorts.pick();

        start(accountImage, "krw-account", krwPort, Map.of("SPRING_PROFILES_ACTIVE", "krw-account"));
        start(accountImage, "fx-account", fxPort, Map.of("SPRING_PROFILES_ACTIVE", "fx-account"));
        start(exchangeImage, "exchange-service", exchangePort, Map.of(
                "FXBANK_KRW_ACCOUNT_URL", "http://127.0.0.1:" + krwPort,
                "FXBANK_FX_ACCOUNT_URL", "http://127.0.0.1:" + fxPort));
        for (int port : new int[] {krwPort, fxPort, exchangePort}) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get(port, "/readyz", null).path("status").asText().equals("UP"));
        }
    }

    private final Map<String, Path> roots = new HashMap<>();

    /** One service from {@code image}'s own root filesystem, on its own database. */
    private void start(Image image, String service, int port, Map<String, String> settings) throws Exception {
        PostgresTestDatabase database = PostgresTestDatabase.create("image_" + service);
        Map<String, String> environment = new HashMap<>(settings);
        environment.putAll(Map.of(
                // The tests' issuer is the development one, over http: development mode says so.
                "FXBANK_DEVELOPMENT_MODE", "true",
                "FXBANK_ISSUER_URI", DevelopmentTokens.issuerUri(),
                "FXBANK_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "FXBANK_DB_URL", database.jdbcUrl(),
                "FXBANK_DB_USER", database.username(),
                "FXBANK_DB_PASSWORD", database.password(),
                "FXBANK_PORT", String.valueOf(port),
                "FXBANK_MANAGEMENT_PORT", String.valueOf(FreePorts.pick())));
        Path rootfs = image.unpack(work.resolve(service).resolve("rootfs"));
        roots.put(service, rootfs);
        running.add(image.start(rootfs, environment, work.resolve(service + ".log")));
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (Process process : running) {
            Image.stop(process);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void oneExchangeGoesThroughServicesStartedFromTheirImages() throws Exception {
        IssuerTokens tokens = DevelopmentTokens.issuer();
        String owner = "image-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerOperator.at(krwPort, tokens).openFunded(owner, "KRW", "1000000");
        LedgerOperator.at(fxPort, tokens).openFunded(owner, "USD", "0");
        String customer = tokens.mint(owner, Role.CUSTOMER);

        JsonNode quote = post(exchangePort, "/api/v1/quotes", Map.of("side", "BUY", "currency", "USD", "amount", "10.00"),
                customer, Map.of());
        JsonNode exchange = post(exchangePort, "/api/v1/exchanges", Map.of("quoteId", quote.get("quoteId").asText()), customer,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(exchange.path("state").asText()).as("%s", exchange).isEqualTo("COMPLETED");
        JsonNode accounts = get(fxPort, "/api/v1/accounts", customer);
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).path("balance").asText()).as("the dollars bought, in fx-account").isEqualTo("10.00");
    }

    @Test
    void theImagesAreLayeredRunAsAnUnprivilegedUserAndNameTheirBuild() {
        for (Image image : List.of(exchangeImage, accountImage, consoleImage)) {
            // FxBank's own modules are a layer of their own: Jib's "project dependencies" in a reactor build,
            // "snapshot dependencies" when the service was built alone.
            assertThat(image.layerComments).as("Jib's layers, what changes least first; the base is the extra files")
                    .containsExactly("dependencies", image.layerComments.get(1), "resources", "classes", "jvm arg files",
                            "extra files");
            assertThat(image.layerComments.get(1)).isIn("project dependencies", "snapshot dependencies");
            assertThat(image.layers).hasSize(image.layerComments.size());
            assertThat(image.user).isEqualTo("10001:10001");
            assertThat(image.entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
            assertThat(image.labels.get("org.opencontainers.image.version")).isNotBlank();
            assertThat(image.labels.get("org.opencontainers.image.revision")).matches("[0-9a-f]{40}");
        }
        assertThat(List.of(accountImage.layers.getLast(), consoleImage.layers.getLast()))
                .as("the base (the extra files) is the same layer in every image").containsOnly(exchangeImage.layers.getLast());
    }

    /**
     * Each layer holds what it is named for, and only that: the application's classes in the classes layer alone, the
     * libraries in the dependency layers, the base in the last. Every entry carries Jib's fixed time, so a layer whose
     * files did not change is byte for byte the same: a change to a class changes the classes layer and nothing else.
     */
    @Test
    void eachLayerHoldsOnlyWhatItIsNamedForSoAClassChangeRebuildsOneSmallLayer() throws Exception {
        Map<String, List<String>> layers = exchangeImage.layerEntries(roots.get("exchange-service"));
        Map<String, String> owns = Map.of(
                "dependencies", " app/libs/", "project dependencies", " app/libs/fxbank-",
                "snapshot dependencies", " app/libs/fxbank-", "resources", " app/resources/",
                "classes", " app/classes/", "jvm arg files", " app/jib-", "extra files", "");
        layers.forEach((layer, entries) -> {
            assertThat(entries).as(layer).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry).as("%s: Jib's fixed time", layer).contains("1970-01-01 00:00:01");
                if (!layer.equals("extra files")) {
                    assertThat(entry.contains(owns.get(layer)) || entry.matches(".* app/?$|.* app/[a-z]+/?$"))
                            .as("%s holds %s", layer, entry).isTrue();
                } else {
                    assertThat(entry).as("the base holds no application file").doesNotContain(" app/");
                }
            });
        });
        assertThat(layers.get("classes")).anySatisfy(entry -> assertThat(entry).contains("ExchangeServiceApplication.class"));
        assertThat(layers.get("dependencies")).anySatisfy(entry -> assertThat(entry).contains("spring-core-"))
                .noneSatisfy(entry -> assertThat(entry).contains("app/libs/fxbank-"));
        assertThat(layers.get("extra files")).anySatisfy(entry -> assertThat(entry).contains("opt/java/bin/java"));
    }

    private JsonNode get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(int port, String path, Object body, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
