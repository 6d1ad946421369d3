package com.fxbank.exchange.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.batch.EachCommand;
import com.fxbank.common.money.Money;
import com.fxbank.exchange.application.fake.InMemoryExchangeStore;
import com.fxbank.exchange.application.fake.InMemoryQuoteStore;
import com.fxbank.exchange.application.fake.InMemoryUsage;
import com.fxbank.exchange.application.fake.RecordingPorts;
import com.fxbank.exchange.application.fake.ScriptedLedgers;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompleteWithdrawalCancelCommand;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompletionResult;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase.StartExchangeCommand;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase.StartResult;
import com.fxbank.exchange.application.port.out.SagaTracing;
import com.fxbank.exchange.domain.CancelOutcome;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Participant;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.RetryPolicy;
import com.fxbank.exchange.domain.SagaRules.Drive;
import com.fxbank.exchange.domain.SagaTimings;
import com.fxbank.exchange.domain.StateChange;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * The orchestrator's specification in memory, in the manner of Eventuate Tram's {@code SagaUnitTestSupport}: given an
 * exchange in a state, driven by the request that started it or by recovery, with the ledgers answering as scripted,
 * expect what is stored, what is published and what the ledgers were asked. The real {@code ExchangeSaga} runs on the
 * fakes of its ports ({@link com.fxbank.exchange.application.fake}); no Spring context, broker or database.
 *
 * <pre>
 * given(exchangeIn(STARTED)).drivenBy(RECOVERY)
 *         .ledgers(answer(WITHDRAW, notSent("circuit breaker open")))
 *         .expectStored(CANCELING_WITHDRAWAL).expectCancelTo(KRW_ACCOUNT);
 * </pre>
 * The drive runs at the first expectation; the expectations after it read what it left.
 */
final class SagaSpec {

    static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    static final LimitTerms LIMITS = new LimitTerms(new CustomerLimits(Money.of("50000.00", "USD"),
            Money.of("500000.00", "USD")), ZoneId.of("Asia/Seoul"));
    /** The spec's exchange (100.00 USD) alone is reportable; the customer's day once it passes 100.00. */
    static final ReportingTerms REPORTING = new ReportingTerms(Money.of("99.99", "USD"), Money.of("100.00", "USD"));
    static final SagaTimings TIMINGS = new SagaTimings(Duration.ofSeconds(5),
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(1)), Duration.ofMinutes(10));

    /** How the exchange was left before the drive: its state, attempts and whether an operator was alerted. */
    record Given(ExchangeState state, int attempts, boolean needsAttention) {

        Given afterAttempts(int tried) {
            return new Given(state, tried, needsAttention || tried >= TIMINGS.retry().maxAttempts());
        }
    }

    /** A ledger's reply to the cancel, as the consumer hands it over. */
    record Reply(Participant from, CancelOutcome outcome) {
    }

    static Given exchangeIn(ExchangeState state) {
        return new Given(state, 0, false);
    }

    static Reply reply(Participant from, CancelOutcome outcome) {
        return new Reply(from, outcome);
    }

    static SagaSpec given(Given given) {
        return new SagaSpec(given);
    }

    private final Given given;
    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryExchangeStore store = new InMemoryExchangeStore(transactions);
    private final InMemoryQuoteStore quotes = new InMemoryQuoteStore();
    private final ScriptedLedgers ledgers = new ScriptedLedgers(store);
    private final RecordingPorts outputs = new RecordingPorts(transactions);
    private final InMemoryUsage usageStore = new InMemoryUsage(transactions);
    private final CustomerUsage usage = new CustomerUsage(usageStore, LIMITS, REPORTING, clock);
    private final ExchangeSaga saga = new ExchangeSaga(quotes, store, usage, ledgers, outputs, outputs,
            transactions.template(), TIMINGS, outputs, SagaTracing.NONE, clock);
    private final WithdrawalCancelReplies replied = new WithdrawalCancelReplies(store, usage, outputs,
            transactions.template(), outputs, SagaTracing.NONE, clock);
    private final Quote quote;
    private Drive driver = Drive.RECOVERY;
    private List<Reply> replies = List.of();
    private boolean inOneBatch;
    private boolean ran;
    private Optional<StartResult> started = Optional.empty();
    private final List<CompletionResult> completions = new ArrayList<>();
    private Optional<RuntimeException> batchRefused = Optional.empty();
    private Exchange exchange;

    private SagaSpec(Given given) {
        this.given = given;
        // 100.00 USD bought for 138,690 KRW: withdrawn from krw-account, deposited to fx-account.
        this.quote = Pricing.quote("alice", Direction.BUY, Money.of("100.00", "USD"),
                new MidRate(Currency.getInstance("USD"), new BigDecimal("1380.00"), "test", NOW), 50, NOW,
                Duration.ofSeconds(30)).orElseThrow();
    }

    SagaSpec drivenBy(Drive by) {
        this.driver = by;
        return this;
    }

    SagaSpec ledgers(ScriptedLedgers.Answer... answers) {
        ledgers.script(Arrays.asList(answers));
        return this;
    }

    /** The ledger's replies to the cancel, each handled alone. */
    SagaSpec repliedBy(Reply... in) {
        this.replies = List.of(in);
        return this;
    }

    /** The ledger's replies to the cancel, as one poll's batch. */
    SagaSpec repliedInOneBatch(Reply... in) {
        this.replies = List.of(in);
        this.inOneBatch = true;
        return this;
    }

    /** The customer has already exchanged {@code usd} USD equivalent today. */
    SagaSpec usedToday(String usd) {
        usageStore.take(quote.owner(), LIMITS.dayOf(NOW), Money.of(usd, "USD"), LIMITS.defaults());
        return this;
    }

    /** An operator gave the customer limits of their own. */
    SagaSpec ownLimits(String daily, String yearly) {
        usageStore.override(quote.owner(), new CustomerLimits(Money.of(daily, "USD"), Money.of(yearly, "USD")));
        return this;
    }

    /** The customer's exchanges that completed earlier today came to {@code usd} USD equivalent. */
    SagaSpec completedToday(String usd) {
        usageStore.complete(quote.owner(), LIMITS.dayOf(NOW), Money.of(usd, "USD"));
        return this;
    }

    /** The request was refused: the exchange would take the customer past a limit; nothing was stored or asked. */
    SagaSpec expectRefusedOverLimit(String naming) {
        ran = true;
        quotes.save(quote);
        StartResult result = saga.start(new StartExchangeCommand(quote.owner(), quote.id(), "key-1"));
        assertThat(result).isInstanceOf(StartResult.OverCustomerLimit.class);
        assertThat(((StartResult.OverCustomerLimit) result).why()).contains(naming);
        assertThat(ledgers.asked()).as("the ledgers were asked").isEmpty();
        assertThat(store.findByIdempotencyKey(quote.owner(), "key-1")).as("the exchange stored").isEmpty();
        return this;
    }

    /** While a call is in flight: recovery on another instance claims the exchange, its lease having run out. */
    Runnable anotherDriveClaimsIt() {
        return () -> {
            clock.advance(TIMINGS.lease().plusSeconds(1));
            assertThat(store.claimDue(clock.instant(), clock.instant().plus(TIMINGS.lease()), 10))
                    .as("the other drive's claim").hasSize(1);
        };
    }

    /** While a call is in flight: an operator's "retry now" makes the exchange due. */
    Runnable anOperatorRetriesItNow() {
        return () -> store.dueAt(store.only().id(), clock.instant());
    }

    // ---- expectations

    SagaSpec expectStored(ExchangeState state) {
        assertThat(stored().state()).as("the state stored").isEqualTo(state);
        return this;
    }

    /** The history, line by line: the states entered. */
    SagaSpec expectHistory(ExchangeState... states) {
        assertThat(store.history(stored().id())).extracting(StateChange::to).as("the history stored").containsExactly(states);
        return this;
    }

    /**
     * The customer's answer, from the request that started the exchange. When the drive answers with the history it
     * wrote (no read after its commits), that history is the one stored, line for line.
     */
    SagaSpec expectAnswered(ExchangeState state) {
        run();
        StartResult result = started.orElseThrow(() -> new AssertionError("no request started this exchange"));
        assertThat(result).isInstanceOf(StartResult.Exchanged.class);
        StartResult.Exchanged answered = (StartResult.Exchanged) result;
        assertThat(answered.exchange().state()).as("the state answered").isEqualTo(state);
        answered.history().ifPresent(lines -> assertThat(lines).as("the history answered")
                .containsExactlyElementsOf(store.history(stored().id())));
        return this;
    }

    /** The calls the ledgers were asked, in order, each with the state stored when it was made. */
    SagaSpec expectAsked(ScriptedLedgers.Asked... calls) {
        run();
        assertThat(ledgers.asked()).as("the ledgers were asked").containsExactly(calls);
        return this;
    }

    SagaSpec expectCancelTo(Participant ledger) {
        run();
        assertThat(outputs.cancels()).as("the cancels published")
                .containsExactly(new RecordingPorts.Cancel(stored().id(), ledger, false));
        return this;
    }

    /** Only repeats of a cancel published earlier, {@code times} of them. */
    SagaSpec expectCancelsAgainTo(Participant ledger, int times) {
        run();
        assertThat(outputs.cancels()).as("the cancels published")
                .containsExactlyElementsOf(Collections.nCopies(times, new RecordingPorts.Cancel(stored().id(), ledger, true)));
        return this;
    }

    SagaSpec expectNoCancel() {
        run();
        assertThat(outputs.cancels()).as("the cancels published").isEmpty();
        return this;
    }

    /** Due again (a waiting exchange, or one still leased) at {@code after} from now. */
    SagaSpec expectDueIn(Duration after) {
        assertThat(stored().nextAttemptAt()).as("when it is due again").contains(clock.instant().plus(after));
        return this;
    }

    /** Final: nothing will look at it again. */
    SagaSpec expectNotDue() {
        assertThat(stored().nextAttemptAt()).as("when it is due again").isEmpty();
        return this;
    }

    /** What the customer's exchanges count against their limits today, in USD. */
    SagaSpec expectUsedToday(String usd) {
        run();
        assertThat(usageStore.standing(quote.owner(), LIMITS.dayOf(exchange.createdAt())).usage().today())
                .as("the customer's usage today").isEqualTo(Money.of(usd, "USD"));
        return this;
    }

    /** What the customer's completed exchanges came to today, in USD (the large-exchange report's day total). */
    SagaSpec expectCompletedToday(String usd) {
        run();
        assertThat(usageStore.completed(quote.owner(), LIMITS.dayOf(exchange.createdAt())))
                .as("the customer's completed exchanges today").isEqualTo(Money.of(usd, "USD"));
        return this;
    }

    /** What the drive counted as reportable, once its transaction committed. */
    SagaSpec expectReportableCounted(ReportingTerms.Reason... reasons) {
        run();
        assertThat(outputs.reportable()).as("reportable counted").containsExactly(reasons);
        return this;
    }

    SagaSpec expectAttempts(int attempts, boolean needsAttention) {
        assertThat(stored().attempts()).as("attempts").isEqualTo(attempts);
        assertThat(stored().needsAttention()).as("needs an operator").isEqualTo(needsAttention);
        return this;
    }

    /** The alerts raised, the exchange's id in them written {@code <exchange>}. */
    SagaSpec expectAlerts(String... alerts) {
        run();
        String id = exchange.id().toString();
        assertThat(outputs.alerts()).extracting(alert -> alert.replace(id, "<exchange>"))
                .as("the alerts raised").containsExactly(alerts);
        return this;
    }

    SagaSpec expectFinishedCounted(ExchangeState... outcomes) {
        run();
        assertThat(outputs.finished()).as("the outcomes counted").containsExactly(outcomes);
        return this;
    }

    SagaSpec expectReplies(Class<?>... results) {
        run();
        assertThat(completions).extracting(Object::getClass).as("what each reply did").containsExactly(results);
        return this;
    }

    SagaSpec expectBatchRefused() {
        run();
        assertThat(batchRefused).as("the batch refused as a whole").isPresent();
        return this;
    }

    /** Drives again, as the next recovery round would: the clock at the exchange's due time. */
    SagaSpec thenRecoveryRunsAgain() {
        run();
        clock.set(stored().nextAttemptAt().orElseThrow(() -> new AssertionError("the exchange is not due again")));
        saga.driveDueExchanges();
        return this;
    }

    // ---- the drive

    private Exchange stored() {
        run();
        return store.find(exchange.id()).orElseThrow();
    }

    private void run() {
        if (ran) {
            return;
        }
        ran = true;
        if (driver == Drive.STARTING_REQUEST) {
            assertThat(given.state()).as("a request starts an exchange in STARTED").isEqualTo(ExchangeState.STARTED);
            quotes.save(quote);
            started = Optional.of(saga.start(new StartExchangeCommand(quote.owner(), quote.id(), "key-1")));
            exchange = store.only();
        } else {
            exchange = storedAsLeft();
            if (replies.isEmpty()) {
                saga.driveDueExchanges();
            }
        }
        if (inOneBatch) {
            List<CompleteWithdrawalCancelCommand> commands = replies.stream()
                    .map(reply -> new CompleteWithdrawalCancelCommand(exchange.id(), reply.from(), reply.outcome())).toList();
            try {
                replied.completeWithdrawalCancels(commands, EachCommand.AS_IS);
            } catch (CompleteWithdrawalCancelUseCase.RefusedInBatch refused) {
                batchRefused = Optional.of(refused);
            }
        } else {
            replies.forEach(reply -> completions.add(replied.completeWithdrawalCancel(
                    new CompleteWithdrawalCancelCommand(exchange.id(), reply.from(), reply.outcome()))));
        }
    }

    /** The exchange as an earlier drive left it: in its state, due now, its history one line per state entered. */
    private Exchange storedAsLeft() {
        Exchange start = Exchange.start(quote, "key-1", NOW.minusSeconds(60));
        Exchange left = new Exchange(start.id(), start.owner(), quote, start.idempotencyKey(), given.state(),
                Optional.empty(), given.attempts(), Optional.of(NOW), given.needsAttention(), start.createdAt(),
                NOW.minusSeconds(30));
        List<StateChange> history = new ArrayList<>(List.of(start.started()));
        pathTo(given.state()).forEach(state -> history.add(new StateChange(
                history.getLast().to(), state, "as left by an earlier drive", NOW.minusSeconds(30))));
        store.put(left, history);
        return left;
    }

    private static List<ExchangeState> pathTo(ExchangeState state) {
        return switch (state) {
            case STARTED -> List.of();
            case WITHDRAWAL_UNKNOWN, WITHDRAWN -> List.of(state);
            case DEPOSIT_UNKNOWN -> List.of(ExchangeState.WITHDRAWN, state);
            case CANCELING_WITHDRAWAL -> List.of(ExchangeState.WITHDRAWN, state);
            case COMPLETED -> List.of(ExchangeState.WITHDRAWN, state);
            case FAILED -> List.of(state);
            case FAILED_REFUNDED -> List.of(ExchangeState.WITHDRAWN, ExchangeState.CANCELING_WITHDRAWAL, state);
        };
    }

    /** A clock the spec moves: the saga's time is the test's. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        private MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
