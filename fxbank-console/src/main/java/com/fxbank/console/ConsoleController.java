package com.fxbank.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fxbank.console.BankApi.Service;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's pages and forms. Reading: the list of exchanges (the exchange service's search), one exchange's
 * story, the dead letters of all four topics, the actions log of all three services. Acting: each form posts here with
 * a reason, the console passes it to the service that owns the thing acted on, and shows that service's answer; the
 * service checks, does and records it (the console decides nothing). Regions that change are refreshed by htmx.
 */
@Controller
class ConsoleController {

    /** The search criteria the exchange service knows; anything else a browser sends is not passed on. */
    static final List<String> CRITERIA = List.of("customer", "state", "direction", "attention", "olderThan",
            "refundPendingLongerThan", "page", "size");
    private static final Pattern EXCHANGE_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final Pattern BACK = Pattern.compile("/(exchanges/[0-9a-fA-F-]{36}|dead-letters|actions)");

    private final BankApi bank;
    private final ExchangeStory stories;
    private final ConsoleProperties properties;

    ConsoleController(BankApi bank, ExchangeStory stories, ConsoleProperties properties) {
        this.bank = bank;
        this.stories = stories;
        this.properties = properties;
    }

    @ModelAttribute
    void everyPage(Model model, @AuthenticationPrincipal OidcUser operator) {
        model.addAttribute("operator", operator == null ? null : operator.getSubject());
        model.addAttribute("refresh", "every " + Math.max(1, properties.refresh().toSeconds()) + "s");
        model.addAttribute("states", List.of("STARTED", "WITHDRAWAL_UNKNOWN", "WITHDRAWN", "DEPOSIT_UNKNOWN",
                "CANCELING_WITHDRAWAL", "COMPLETED", "FAILED", "FAILED_REFUNDED"));
    }

    @GetMapping("/")
    String home() {
        return "redirect:/exchanges";
    }

    @GetMapping("/exchanges")
    String exchanges(@RequestParam Map<String, String> query, Model model) {
        String id = query.getOrDefault("id", "").strip();
        if (!id.isEmpty()) {
            if (EXCHANGE_ID.matcher(id).matches()) {
                return "redirect:/exchanges/" + id;
            }
            model.addAttribute("error", "an exchange id is 36 characters: hex digits and dashes");
        }
        results(query, model);
        return "exchanges";
    }

    /** The results region alone, which the list page asks for again every few seconds. */
    @GetMapping("/exchanges/results")
    String results(@RequestParam Map<String, String> query, Model model) {
        UriComponentsBuilder search = UriComponentsBuilder.fromPath("/ops/v1/exchanges");
        Map<String, String> criteria = new LinkedHashMap<>();
        CRITERIA.forEach(name -> {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                criteria.put(name, value.strip());
                search.queryParam(name, "{" + name + "}");
            }
        });
        model.addAttribute("criteria", criteria);
        model.addAttribute("query", UriComponentsBuilder.newInstance().queryParams(
                MultiValueMap.fromSingleValue(criteria)).build().encode().toUriString());
        try {
            model.addAttribute("result", bank.object(Service.EXCHANGE, search.build().toUriString(), criteria));
        } catch (BankApi.Unavailable e) {
            model.addAttribute("searchError", e.getMessage());
        }
        return "exchanges :: results";
    }

    @GetMapping("/exchanges/{id}")
    String exchange(@PathVariable String id, Model model) {
        story(id, model);
        return "exchange";
    }

    /** The story region alone, refreshed while the operator watches. */
    @GetMapping("/exchanges/{id}/story")
    String story(@PathVariable String id, Model model) {
        model.addAttribute("id", id);
        try {
            model.addAttribute("story", stories.of(id));
        } catch (BankApi.Unavailable e) {
            model.addAttribute("storyError", e.status() == 404 ? "no exchange " + id : e.getMessage());
        }
        return "exchange :: story";
    }

    @PostMapping("/exchanges/{id}/retry")
    String retry(@PathVariable String id, @RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        requireExchangeId(id);
        act(flash, "retry now", () -> bank.act(Service.EXCHANGE, HttpMethod.POST, Map.of("reason", reason),
                "/ops/v1/exchanges/{id}/retry", id));
        return "redirect:/exchanges/" + id;
    }

    @PostMapping("/dead-letters/replay")
    String replay(@RequestParam Service service, @RequestParam String topic, @RequestParam int partition,
                  @RequestParam long offset, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "/dead-letters") String back, RedirectAttributes flash) {
        act(flash, "replay of " + topic + "/" + partition + "/" + offset, () -> bank.act(service, HttpMethod.POST,
                Map.of("reason", reason), "/ops/v1/dead-letters/{topic}/{partition}/{offset}/replay", topic, partition, offset));
        return "redirect:" + safe(back);
    }

    @PostMapping("/accounts/frozen")
    String frozen(@RequestParam Service ledger, @RequestParam String account, @RequestParam boolean frozen,
                  @RequestParam(defaultValue = "") String reason, @RequestParam String back, RedirectAttributes flash) {
        act(flash, (frozen ? "freeze of " : "unfreeze of ") + account, () -> bank.act(ledger, HttpMethod.PUT,
                Map.of("frozen", frozen, "reason", reason), "/ops/v1/accounts/{id}/frozen", account));
        return "redirect:" + safe(back);
    }

    @PostMapping("/accounts/limits")
    String limits(@RequestParam Service ledger, @RequestParam String account,
                  @RequestParam(defaultValue = "") String maxBalance, @RequestParam(defaultValue = "") String maxWithdrawal,
                  @RequestParam(defaultValue = "") String reason, @RequestParam String back, RedirectAttributes flash) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (!maxBalance.isBlank()) {
            body.put("maxBalance", maxBalance.strip());
        }
        if (!maxWithdrawal.isBlank()) {
            body.put("maxWithdrawal", maxWithdrawal.strip());
        }
        act(flash, "limits of " + account, () -> bank.act(ledger, HttpMethod.PUT, body, "/ops/v1/accounts/{id}/limits", account));
        return "redirect:" + safe(back);
    }

    public record Letter(Service service, String topic, Map<String, Object> letter) {
    }

    @GetMapping("/dead-letters")
    String deadLetters(Model model) {
        List<Letter> letters = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (Service service : Service.values()) {
            try {
                @SuppressWarnings("unchecked")
                List<String> own = (List<String>) bank.object(service, "/ops/v1/dead-letters").get("topics");
                for (String topic : own) {
                    topics.add(topic);
                    bank.list(service, "/ops/v1/dead-letters/{topic}?limit=100", topic)
                            .forEach(letter -> letters.add(new Letter(service, topic, letter)));
                }
            } catch (BankApi.Unavailable e) {
                unavailable.add(e.getMessage());
            }
        }
        letters.sort(Comparator.comparing((Letter letter) -> String.valueOf(letter.letter().get("at"))).reversed());
        model.addAttribute("letters", letters);
        model.addAttribute("topics", topics);
        model.addAttribute("unavailable", unavailable);
        return "dead-letters";
    }

    @GetMapping("/actions")
    String actions(Model model) {
        List<ExchangeStory.Action> actions = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (Service service : Service.values()) {
            try {
                bank.list(service, "/ops/v1/actions?limit=200").forEach(action -> actions.add(new ExchangeStory.Action(service, action)));
            } catch (BankApi.Unavailable e) {
                unavailable.add(e.getMessage());
            }
        }
        actions.sort(Comparator.comparing(ExchangeStory.Action::at).reversed());
        model.addAttribute("actions", actions);
        model.addAttribute("unavailable", unavailable);
        return "actions";
    }

    /**
     * The desk's positions across both ledgers, valued at mid, and the spread earned in a period (from, to: dates or
     * instants, passed on as they are; the exchange service says what is wrong with a bad one).
     */
    @GetMapping("/positions")
    String positions(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/ops/v1/positions");
        if (from != null && !from.isBlank()) {
            uri.queryParam("from", "{from}");
        }
        if (to != null && !to.isBlank()) {
            uri.queryParam("to", "{to}");
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("from", from);
        variables.put("to", to);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        try {
            model.addAttribute("books", bank.object(Service.EXCHANGE, uri.build().toUriString(), variables));
        } catch (BankApi.Unavailable e) {
            model.addAttribute("unavailable", e.getMessage());
        }
        return "positions";
    }

    /**
     * Customers' limits: the bank's rule, the customers with limits of their own, and one customer's limits and usage
     * with the forms to set or restore them (the exchange service checks every field; its refusal is shown as it is).
     */
    @GetMapping("/limits")
    String limits(@RequestParam(required = false) String customer, Model model) {
        try {
            model.addAttribute("overrides", bank.object(Service.EXCHANGE, "/ops/v1/limits?size=100"));
        } catch (BankApi.Unavailable e) {
            model.addAttribute("unavailable", e.getMessage());
        }
        if (customer != null && !customer.isBlank()) {
            model.addAttribute("customer", customer);
            try {
                model.addAttribute("standing", bank.object(Service.EXCHANGE, "/ops/v1/customers/{c}/limits", customer));
            } catch (BankApi.Unavailable e) {
                model.addAttribute("customerError", e.getMessage());
            }
        }
        return "limits";
    }

    @PostMapping("/limits/set")
    String setLimits(@RequestParam String customer, @RequestParam(defaultValue = "") String daily,
                     @RequestParam(defaultValue = "") String yearly, @RequestParam(defaultValue = "") String reason,
                     RedirectAttributes flash) {
        act(flash, "limits of " + customer, () -> bank.act(Service.EXCHANGE, HttpMethod.PUT,
                Map.of("daily", daily.strip(), "yearly", yearly.strip(), "reason", reason),
                "/ops/v1/customers/{c}/limits", customer));
        return redirectToLimits(customer);
    }

    @PostMapping("/limits/clear")
    String clearLimits(@RequestParam String customer, @RequestParam(defaultValue = "") String reason,
                       RedirectAttributes flash) {
        act(flash, "default limits for " + customer, () -> bank.act(Service.EXCHANGE, HttpMethod.DELETE,
                Map.of("reason", reason), "/ops/v1/customers/{c}/limits", customer));
        return redirectToLimits(customer);
    }

    private static String redirectToLimits(String customer) {
        return "redirect:" + UriComponentsBuilder.fromPath("/limits").queryParam("customer", "{c}")
                .encode().buildAndExpand(customer).toUriString();
    }

    /** The large-exchange report of a business day (today in the bank's zone by default): what the bank files. */
    @GetMapping("/reports")
    String reports(@RequestParam(required = false) String date, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("date", date);
        try {
            model.addAttribute("report", date == null || date.isBlank()
                    ? bank.object(Service.EXCHANGE, "/ops/v1/reports/large-exchanges?page={page}", page)
                    : bank.object(Service.EXCHANGE, "/ops/v1/reports/large-exchanges?date={date}&page={page}", date, page));
        } catch (BankApi.Unavailable e) {
            model.addAttribute("unavailable", e.getMessage());
        }
        return "reports";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    private static void act(RedirectAttributes flash, String what, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("done", what + ": done, recorded in the actions log");
        } catch (BankApi.Unavailable refused) {
            flash.addFlashAttribute("refused", what + " refused — " + refused.getMessage());
        }
    }

    private static void requireExchangeId(String id) {
        if (!EXCHANGE_ID.matcher(id).matches()) {
            throw new BankApi.Unavailable(400, "not an exchange id");
        }
    }

    /** Only the console's own pages: a form cannot send the operator anywhere else. */
    private static String safe(String back) {
        return BACK.matcher(back).matches() ? back : "/exchanges";
    }
}
