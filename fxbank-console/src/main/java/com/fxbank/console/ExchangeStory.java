package com.fxbank.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fxbank.audit.ExchangeVerdict;
import com.fxbank.console.BankApi.Service;
import org.springframework.stereotype.Component;

/**
 * One exchange's whole story, gathered from the three services' operator APIs: the exchange and its history, each
 * ledger's record (saga steps, entries, replies published), the exchange service's messages, the dead letters that
 * belong to it in any of the four dead-letter topics, the accounts it touched, the actions taken on it or them, and
 * the audit's verdict. A service that does not answer leaves its part empty with the reason; the rest still shows.
 */
@Component
public class ExchangeStory {

    private final BankApi bank;

    ExchangeStory(BankApi bank) {
        this.bank = bank;
    }

    /** A part of the page: what the service answered, or why there is nothing. */
    public record Part<T>(T value, String unavailable) {
        public static <T> Part<T> of(Supplier<T> read) {
            try {
                return new Part<>(read.get(), null);
            } catch (BankApi.Unavailable e) {
                return new Part<>(null, e.getMessage());
            }
        }
    }

    /** An account the exchange touched, on its ledger, as the ledger shows it now. */
    public record Account(Service ledger, String id, Part<Map<String, Object>> now) {
    }

    public record DeadLetter(Service service, Map<String, Object> letter) {
    }

    public record Action(Service service, Map<String, Object> action) {
        public String at() {
            return String.valueOf(action.get("at"));
        }
    }

    public record Verdict(boolean judged, List<String> violations) {
        public boolean clean() {
            return judged && violations.isEmpty();
        }
    }

    public record Story(Map<String, Object> exchange, Part<List<Map<String, Object>>> messages,
                 Map<Service, Part<Map<String, Object>>> ledgers, List<Account> accounts, List<DeadLetter> deadLetters,
                 List<String> deadLettersUnavailable, List<Action> actions, Verdict verdict) {
    }

    /** @throws BankApi.Unavailable when the exchange service does not know it (404) or does not answer */
    Story of(String id) {
        Map<String, Object> exchange = bank.object(Service.EXCHANGE, "/ops/v1/exchanges/{id}", id);
        Part<List<Map<String, Object>>> messages = Part.of(() -> bank.list(Service.EXCHANGE, "/ops/v1/exchanges/{id}/messages", id));
        Map<Service, Part<Map<String, Object>>> ledgers = new LinkedHashMap<>();
        for (Service ledger : List.of(Service.KRW, Service.FX)) {
            ledgers.put(ledger, Part.of(() -> bank.object(ledger, "/ops/v1/exchanges/{id}", id)));
        }
        List<Account> accounts = new ArrayList<>();
        ledgers.forEach((ledger, record) -> accountIds(record).forEach(account -> accounts.add(
                new Account(ledger, account, Part.of(() -> bank.object(ledger, "/ops/v1/accounts/{id}", account))))));

        List<DeadLetter> deadLetters = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        for (Service service : Service.values()) {
            try {
                @SuppressWarnings("unchecked")
                List<String> topics = (List<String>) bank.object(service, "/ops/v1/dead-letters").get("topics");
                for (String topic : topics) {
                    bank.list(service, "/ops/v1/dead-letters/{topic}?key={key}", topic, id)
                            .forEach(letter -> deadLetters.add(new DeadLetter(service, letter)));
                }
                List<String> targets = new ArrayList<>(List.of(id));
                accounts.stream().filter(account -> account.ledger() == service).forEach(account -> targets.add(account.id()));
                for (String target : targets) {
                    bank.list(service, "/ops/v1/actions?target={target}&limit=50", target)
                            .forEach(action -> actions.add(new Action(service, action)));
                }
            } catch (BankApi.Unavailable e) {
                unavailable.add(e.getMessage());
            }
        }
        actions.sort(Comparator.comparing(Action::at).reversed());
        return new Story(exchange, messages, ledgers, accounts, deadLetters, unavailable, actions, verdict(exchange, ledgers));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> accountIds(Part<Map<String, Object>> record) {
        Set<String> ids = new LinkedHashSet<>();
        if (record.value() != null) {
            for (Map<String, Object> operation : (List<Map<String, Object>>) record.value().getOrDefault("operations", List.of())) {
                if (operation.get("accountId") != null) {
                    ids.add((String) operation.get("accountId"));
                }
            }
        }
        return ids;
    }

    /** The audit's rule ({@link ExchangeVerdict}) on what the two ledgers say they booked. */
    @SuppressWarnings("unchecked")
    private static Verdict verdict(Map<String, Object> exchange, Map<Service, Part<Map<String, Object>>> ledgers) {
        String state = (String) exchange.get("state");
        if (!ExchangeVerdict.isFinal(state)) {
            return new Verdict(false, List.of("not final yet: judged once it is"));
        }
        if (ledgers.values().stream().anyMatch(part -> part.value() == null)) {
            return new Verdict(false, List.of("a ledger did not answer: cannot judge"));
        }
        boolean buy = "BUY".equals(exchange.get("side"));
        Service source = buy ? Service.KRW : Service.FX;
        Service target = buy ? Service.FX : Service.KRW;
        BigDecimal pays = new BigDecimal((String) ((Map<String, Object>) exchange.get("youPay")).get("amount"));
        BigDecimal gets = new BigDecimal((String) ((Map<String, Object>) exchange.get("youGet")).get("amount"));
        return new Verdict(true, ExchangeVerdict.violations(state, pays, gets, moves(ledgers.get(source).value()),
                moves(ledgers.get(target).value())));
    }

    @SuppressWarnings("unchecked")
    private static ExchangeVerdict.Moves moves(Map<String, Object> record) {
        Map<String, Integer> count = new HashMap<>();
        BigDecimal net = BigDecimal.ZERO;
        for (Map<String, Object> entry : (List<Map<String, Object>>) record.getOrDefault("entries", List.of())) {
            String kind = (String) entry.get("kind");
            if (Set.of("WITHDRAWAL", "DEPOSIT", "WITHDRAWAL_REFUND").contains(kind)) {
                count.merge(kind, 1, Integer::sum);
                net = net.add(new BigDecimal((String) entry.get("amount")));
            }
        }
        return new ExchangeVerdict.Moves(count, net);
    }
}
