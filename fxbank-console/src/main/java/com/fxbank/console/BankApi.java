package com.fxbank.console;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The console's only way to the bank: the three services' operator APIs over HTTP, each call with the signed-in
 * operator's access token. What the services answer is shown as they answer it (JSON as maps and lists): the console
 * interprets nothing about money itself except the audit's per-exchange verdict ({@link ExchangeStory}).
 */
@Component
public class BankApi {

    /** The three services, as the console names them on its pages. */
    public enum Service {
        EXCHANGE("exchange-service"), KRW("krw-account"), FX("fx-account");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A service refused or could not be reached: what to show the operator. */
    public static final class Unavailable extends RuntimeException {
        private final int status;

        Unavailable(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    private final Map<Service, RestClient> clients;

    BankApi(ConsoleProperties properties, OAuth2AuthorizedClientManager authorizedClients) {
        OAuth2ClientHttpRequestInterceptor operatorsToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        operatorsToken.setClientRegistrationIdResolver(request -> ConsoleSecurity.REGISTRATION);
        this.clients = Map.of(
                Service.EXCHANGE, client(properties.exchangeUrl(), operatorsToken),
                Service.KRW, client(properties.krwAccountUrl(), operatorsToken),
                Service.FX, client(properties.fxAccountUrl(), operatorsToken));
    }

    private static RestClient client(String baseUrl, OAuth2ClientHttpRequestInterceptor token) {
        return RestClient.builder().baseUrl(baseUrl).requestInterceptor(token).build();
    }

    public Map<String, Object> object(Service service, String uri, Object... variables) {
        return call(() -> clients.get(service).get().uri(uri, variables).retrieve().body(MAP), service);
    }

    /** With named URI variables ({@code /x?state={state}}): what a browser sent is always a variable, never the URI. */
    public Map<String, Object> object(Service service, String uri, Map<String, ?> variables) {
        return call(() -> clients.get(service).get().uri(uri, variables).retrieve().body(MAP), service);
    }

    public List<Map<String, Object>> list(Service service, String uri, Object... variables) {
        return call(() -> clients.get(service).get().uri(uri, variables).retrieve().body(LIST), service);
    }

    /** POST or PUT a JSON body; the service's answer, or {@link Unavailable} with its problem detail. */
    public Map<String, Object> act(Service service, HttpMethod method, Map<String, ?> body, String uri, Object... variables) {
        return call(() -> clients.get(service).method(method).uri(uri, variables).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(MAP), service);
    }

    private static <T> T call(Supplier<T> call, Service service) {
        try {
            return call.get();
        } catch (RestClientResponseException refused) {
            ProblemDetail problem = refused.getResponseBodyAs(ProblemDetail.class);
            String detail = problem != null && problem.getDetail() != null ? problem.getDetail() : refused.getStatusText();
            throw new Unavailable(refused.getStatusCode().value(), service.label() + " answered "
                    + refused.getStatusCode().value() + ": " + detail);
        } catch (RestClientException unreachable) {
            throw new Unavailable(503, service.label() + " did not answer: " + unreachable.getMessage());
        }
    }
}
