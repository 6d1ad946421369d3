package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fxbank.common.net.FreePorts;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.fxbank.testsupport.RawKafka;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Issue 15, done when: the real console in a real browser (Debian's chromium through chromium-driver) over a running
 * bank. An operator signs in at the issuer, finds the exchange whose deposit was refused, reads its refund request
 * and reply on its page, replays its dead letter, freezes an account with a reason and finds both in the actions log;
 * the list updates while watched; a customer who signs in is refused. Takes the screenshots in docs/.
 */
class ConsoleBrowserTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };
    private static final Path DOCS = Path.of("..", "docs");

    @TempDir
    static Path home;
    static LaunchSettings settings;
    static RunningBank bank;
    static IssuerTokens tokens;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        settings = LaunchSettings.onFreePorts(home).withConsole(FreePorts.pick());
        // Reporting thresholds low enough for the demo customers' small exchanges to be in the day's report.
        bank = RunningBank.start(settings, List.of("--fxbank.exchange.reporting.single-exchange=5.00"));
        tokens = bank.tokens();
        DemoCustomers.seed(settings, tokens);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (bank != null) {
            bank.close();
        }
    }

    @Test
    void an_operator_finds_a_refunded_exchange_reads_its_story_acts_on_it_and_finds_the_actions_in_the_log() throws Exception {
        RestClient fxOps = client(settings.fxAccountPort(), tokens.mint("setup", Role.OPERATOR));
        String bobsUsd = (String) fxOps.get().uri("/ops/v1/accounts?owner=bob").retrieve().body(JSON_LIST).getFirst().get("id");
        fxOps.put().uri("/ops/v1/accounts/{id}/frozen", bobsUsd).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("frozen", true, "reason", "test setup: refuse bob's deposits")).retrieve().toBodilessEntity();
        String refused = exchange("bob", "10.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED_REFUNDED".equals(read("bob", refused).get("state")));
        // A dead letter that belongs to it, as the consumer's recoverer leaves one: krw-account's reply, given up on
        // while its cause lasted. Replayed, the exchange (final) takes it as the duplicate it is.
        String krwReplies = Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic();
        new RawKafka(bank.bootstrapServers()).publish(Topics.deadLetterOf(krwReplies), refused,
                new MessageCodec().encode(new WithdrawalCancelResponse(refused,
                        WithdrawalCancelResponse.Outcome.REFUNDED)), null,
                Map.of("kafka_dlt-original-topic", krwReplies, "kafka_dlt-exception-message", "the database was down"));

        signIn("ops");
        browser.get(settings.consoleUrl() + "/exchanges");
        browser.findElement(By.name("customer")).sendKeys("bob");
        new Select(browser.findElement(By.name("state"))).selectByValue("FAILED_REFUNDED");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        WebElement row = awaitElement(By.linkText(refused));
        assertThat(browser.findElement(By.cssSelector(".counts")).getText()).contains("FAILED_REFUNDED (24 h)");
        assertFitsTheWindow();
        screenshot("console-exchanges.png");

        // Live: an exchange made while the operator watches appears without a reload.
        new Select(browser.findElement(By.name("state"))).selectByValue("");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        awaitElement(By.linkText(refused));
        String later = exchange("bob", "11.00");
        awaitElement(By.linkText(later));

        browser.findElement(By.linkText(refused)).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.id("dlt-h")).size() == 1
                && text().contains(krwReplies + ".DLT/"));
        String page = text();
        assertThat(browser.findElement(By.id("exchange-state")).getText()).isEqualTo("FAILED_REFUNDED");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("money invariant holds");
        WebElement requests = browser.findElement(By.cssSelector("[data-table=exchange-messages]"));
        assertThat(requests.getText()).contains(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic());
        assertThat(requests.findElements(By.cssSelector("tbody tr")).getFirst().findElements(By.tagName("td")))
                .extracting(WebElement::getText).satisfies(cells -> {
                    assertThat(cells.get(3)).as("partition").matches("\\d+");
                    assertThat(cells.get(4)).as("offset").matches("\\d+");
                    assertThat(cells.get(2)).as("sent").matches("\\d{4}-.*");
                });
        assertThat(browser.findElement(By.cssSelector("[data-table=krw-account-replies]")).getText()).contains(krwReplies);
        assertThat(page).contains("DEPOSIT", "ACCOUNT_FROZEN", "WITHDRAWAL_REFUND", "CANCELING_WITHDRAWAL");

        // Replay the dead letter, with a reason.
        WebElement replay = browser.findElement(By.xpath("//form[.//button[contains(., 'Replay')]]"));
        replay.findElement(By.name("reason")).sendKeys("INC-15: reply format fixed");
        replay.findElement(By.tagName("button")).click();
        assertThat(awaitElement(By.cssSelector(".done")).getText()).contains("replay of", "done");

        // Freeze bob's KRW account, with a reason.
        String bobsKrw = (String) client(settings.krwAccountPort(), tokens.mint("setup", Role.OPERATOR)).get()
                .uri("/ops/v1/accounts?owner=bob").retrieve().body(JSON_LIST).getFirst().get("id");
        WebElement freeze = browser.findElement(By.cssSelector("input[data-freeze='" + bobsKrw + "']"));
        freeze.sendKeys("INC-16: customer reported a stolen card");
        freeze.findElement(By.xpath("ancestor::form")).findElement(By.tagName("button")).click();
        assertThat(awaitElement(By.cssSelector(".done")).getText()).contains("freeze of " + bobsKrw);
        assertThat(browser.findElement(By.cssSelector("td.frozen[data-account='" + bobsKrw + "']")).getText()).isEqualTo("FROZEN");
        assertThat(browser.findElement(By.id("actions")).getText())
                .contains("FREEZE", "INC-16: customer reported a stolen card", "REPLAY_DEAD_LETTER", "INC-15: reply format fixed");
        assertFitsTheWindow();
        screenshot("console-exchange.png");

        browser.findElement(By.linkText("Actions log")).click();
        assertThat(awaitElement(By.id("actions")).getText()).contains("ops", "FREEZE", "INC-16: customer reported a stolen card",
                "REPLAY_DEAD_LETTER", "INC-15: reply format fixed", "krw-account", "exchange-service");

        browser.findElement(By.linkText("Dead letters")).click();
        assertThat(awaitElement(By.id("dead-letters")).getText()).contains(refused, "replayed");

        // The desk's page: alice's purchase left the bank short of the dollars it paid her; bob's refunds moved nothing.
        String bought = exchange("alice", "10.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(read("alice", bought).get("outcome")));
        browser.findElement(By.linkText("Positions")).click();
        WebElement usd = awaitElement(By.cssSelector("#positions tr[data-currency=USD]"));
        assertThat(usd.findElements(By.tagName("td"))).extracting(WebElement::getText)
                .startsWith("USD", "-10.00", "1380.00", "-13800");
        assertThat(browser.findElement(By.cssSelector("#positions tr[data-currency=KRW]")).getText()).contains("KRW", "13869");
        assertThat(browser.findElement(By.id("spread")).getText()).contains("69 KRW", "earned by 1 exchange(s)");
        browser.findElement(By.name("from")).sendKeys("bad");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        assertThat(awaitElement(By.cssSelector(".refused")).getText()).contains("from must be an instant");

        // Limits: alice's standing, a refused amount with the service's reason, then limits of her own.
        browser.findElement(By.linkText("Limits")).click();
        awaitElement(By.cssSelector("form.search input[name=customer]")).sendKeys("alice");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        assertThat(awaitElement(By.cssSelector("#usage tr[data-period=daily]")).getText()).contains("50000.00", "10.00");
        assertThat(browser.findElement(By.id("limits-kind")).getText()).isEqualTo("The bank's default limits");
        setLimits("1e5", "20000.00", "INC-17: private banking client");
        assertThat(awaitElement(By.cssSelector(".refused")).getText()).contains("limits of alice refused", "daily must be a plain decimal");
        setLimits("2000.00", "20000.00", "INC-17: private banking client");
        assertThat(awaitElement(By.cssSelector(".done")).getText()).contains("limits of alice: done");
        assertThat(browser.findElement(By.id("limits-kind")).getText()).isEqualTo("Limits of their own");
        assertThat(browser.findElement(By.cssSelector("#usage tr[data-period=daily]")).getText()).contains("2000.00", "1990.00");
        assertThat(browser.findElement(By.cssSelector("#overrides tr[data-customer=alice]")).getText())
                .contains("2000.00", "20000.00", "INC-17: private banking client", "ops");
        assertFitsTheWindow();

        // The day's large-exchange report: alice's purchase, over the (lowered) single-exchange threshold.
        browser.findElement(By.linkText("Reports")).click();
        WebElement reported = awaitElement(By.cssSelector("#large-exchanges tr[data-exchange='" + bought + "']"));
        assertThat(reported.getText()).contains("alice", "BUY", "10.00 USD", "1380.00", "single-exchange");
        assertThat(browser.findElement(By.id("thresholds")).getText()).contains("single exchange over 5.00 USD");
        assertFitsTheWindow();
        browser.findElement(By.name("date")).sendKeys("yesterday");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        assertThat(awaitElement(By.cssSelector(".refused")).getText()).contains("date must be a business day");
    }

    private static void setLimits(String daily, String yearly, String reason) {
        WebElement form = awaitElement(By.id("set-limits"));
        form.findElement(By.name("daily")).sendKeys(daily);
        form.findElement(By.name("yearly")).sendKeys(yearly);
        form.findElement(By.name("reason")).sendKeys(reason);
        form.findElement(By.tagName("button")).click();
    }

    @Test
    void a_customer_who_signs_in_is_refused() {
        signIn("alice");
        browser.get(settings.consoleUrl() + "/exchanges");
        assertThat(awaitElement(By.tagName("h1")).getText()).isEqualTo("Not an operator");
        browser.get(settings.consoleUrl() + "/actions");
        assertThat(awaitElement(By.tagName("h1")).getText()).isEqualTo("Not an operator");
    }

    /** A fresh sign-in at the issuer's login page (cookies of both cleared first). */
    private static void signIn(String name) {
        browser.get(settings.issuerUri() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(settings.consoleUrl() + "/");
        browser.manage().deleteAllCookies();
        browser.get(settings.consoleUrl() + "/exchanges");
        awaitElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("development");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().startsWith(settings.consoleUrl()));
    }

    private static WebElement awaitElement(By by) {
        try {
            return await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> browser.findElement(by), element -> element.isDisplayed());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + by + " on " + browser.getCurrentUrl() + ":\n" + text(), e);
        }
    }

    /** Readable at 1280 px: nothing wider than the window (no sideways scrolling). */
    private static void assertFitsTheWindow() {
        var js = (JavascriptExecutor) browser;
        Object widest = js.executeScript("""
                const w = document.documentElement.clientWidth; let found = null;
                document.querySelectorAll('body *').forEach(e => { const r = e.getBoundingClientRect();
                  if (!found && r.right > w + 1) found = e.tagName + '.' + e.className + ' ' + Math.round(r.right); });
                return found;""");
        assertThat(widest).as("an element wider than the %d px window", 1280).isNull();
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(DOCS);
        Files.write(DOCS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String exchange(String owner, String usd) {
        return new BankCalls(settings, tokens).buyUsd(owner, usd);
    }

    private static Map<String, Object> read(String owner, String id) {
        return new BankCalls(settings, tokens).read(owner, id);
    }

    private static RestClient client(int port, String token) {
        return BankCalls.client(port, token);
    }
}
