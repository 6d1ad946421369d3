package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fxbank.security.JwtProperties;
import com.fxbank.security.Role;
import com.fxbank.security.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** DESIGN B6 on a ledger: who may read, who may move money. */
class AccessControlTest extends KrwLedgerIntegrationTest {

    @Test
    void a_customer_opens_and_reads_only_their_own_accounts() {
        String alice = newOwner();
        String bob = newOwner();
        ResponseEntity<Map<String, Object>> opened = as(Role.CUSTOMER, alice).post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "KRW")).retrieve().toEntity(JSON);
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        assertThat(opened.getBody()).containsEntry("owner", alice).containsEntry("balance", "0");
        String aliceAccount = (String) opened.getBody().get("id");

        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts/{id}", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts").retrieve().toEntity(JSON_LIST).getBody())
                .extracting(a -> a.get("id")).containsExactly(aliceAccount);
        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts/{id}/entries", aliceAccount).retrieve()
                .toEntity(JSON_LIST).getStatusCode().value()).isEqualTo(200);

        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts/{id}", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).as("another's account does not exist for bob").isEqualTo(404);
        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts/{id}/entries", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).isEqualTo(404);
        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts").retrieve().toEntity(JSON_LIST).getBody()).isEmpty();
    }

    @Test
    void a_second_account_in_the_same_currency_is_a_conflict() {
        String owner = newOwner();
        RestClient customer = as(Role.CUSTOMER, owner);
        String first = (String) customer.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currency", "KRW")).retrieve().toEntity(JSON).getBody().get("id");

        ResponseEntity<Map<String, Object>> again = customer.post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "KRW")).retrieve().toEntity(JSON);

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("accountId", first);
        ResponseEntity<Map<String, Object>> usd = customer.post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "USD")).retrieve().toEntity(JSON);
        assertThat(usd.getStatusCode().value()).isEqualTo(400);
        assertThat((String) usd.getBody().get("detail")).contains("does not hold USD");
    }

    @Test
    void money_moving_and_operator_endpoints_are_closed_to_customers() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 1_000);
        RestClient customer = as(Role.CUSTOMER, owner);

        assertThat(customer.put().uri("/internal/v1/withdrawals/{id}", newExchangeId()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "amount", 1, "currency", "KRW")).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(customer.post().uri("/ops/v1/accounts/{id}/top-ups", account).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", 1_000_000, "currency", "KRW", "reference", "self-service")).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(as(Role.OPERATOR, "staff").put().uri("/internal/v1/deposits/{id}", newExchangeId())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", owner, "amount", 1, "currency", "KRW"))
                .retrieve().toEntity(JSON).getStatusCode().value()).as("saga steps are the exchange service's").isEqualTo(403);
        assertThat(balance(account)).isEqualByComparingTo("1000");
    }

    @Test
    void no_token_an_expired_token_or_a_forged_token_is_refused() {
        RestClient anonymous = client(null);
        assertThat(anonymous.get().uri("/api/v1/accounts").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);

        String expired = tokens.mint(newOwner(), Duration.ofSeconds(-120), Role.CUSTOMER);
        assertThat(client(expired).get().uri("/api/v1/accounts").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(401);

        TokenIssuer forger = new TokenIssuer(new JwtProperties("another-secret-another-secret-another-secret!", "fxbank",
                Duration.ofHours(1)), java.time.Clock.systemUTC());
        assertThat(client(forger.mint("exchange-service", Role.SERVICE)).get().uri("/internal/v1/withdrawals/{id}",
                newExchangeId()).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    }

    /** A token the issuer signed but whose subject no column or rule could hold was a 500 (NPE, overflow). */
    @Test
    void a_token_without_a_subject_or_with_an_absurd_one_is_refused_and_changes_nothing() {
        for (String subject : new String[] {null, "", "x".repeat(65), "alice\nbob", "<script>"}) {
            String token = tokens.mint(subject, Role.CUSTOMER);
            assertThat(client(token).get().uri("/api/v1/accounts").retrieve().toBodilessEntity().getStatusCode().value())
                    .as("subject %s", subject == null ? "absent" : subject.length() + " chars").isEqualTo(401);
            assertThat(client(token).post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("currency", "KRW")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        }
        assertThat(client(tokens.mint("x".repeat(64), Role.CUSTOMER)).get().uri("/api/v1/accounts").retrieve()
                .toBodilessEntity().getStatusCode().value()).as("64 characters fit the columns").isEqualTo(200);
    }

    @Test
    void health_and_the_openapi_document_are_public() {
        RestClient anonymous = client(null);
        assertThat(anonymous.get().uri("/actuator/health").retrieve().toEntity(String.class).getBody()).contains("UP");
        String api = anonymous.get().uri("/v3/api-docs").retrieve().toEntity(String.class).getBody();
        assertThat(api).contains("/internal/v1/withdrawals/{exchangeId}", "/api/v1/accounts", "/ops/v1/accounts/{id}/top-ups");
        assertThat(anonymous.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    private RestClient client(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }
}
