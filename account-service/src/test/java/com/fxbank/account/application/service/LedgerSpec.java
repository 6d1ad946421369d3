package com.fxbank.account.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fxbank.account.application.fake.InMemoryLedger;
import com.fxbank.account.application.port.in.CancelWithdrawalUseCase.CancelWithdrawalCommand;
import com.fxbank.account.application.port.in.LedgerSagaUseCase.SagaCommand;
import com.fxbank.account.application.port.in.LedgerSagaUseCase.SagaResult;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.account.domain.CancelOutcome;
import com.fxbank.account.domain.HeldCurrencies;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.batch.EachCommand;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.money.Money;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * The ledger's saga steps specified in memory, the way {@code ExchangeSagaSpecTest} specifies the orchestrator: given
 * alice's KRW account as it stands, when the exchange service's requests arrive (withdraw, deposit, cancel — repeated,
 * out of order, in one poll's batch), expect each answer, the balance, the entries and their counter-legs, and the
 * replies written to the outbox. The real {@code LedgerSagaService} runs on {@link InMemoryLedger}; no Spring context,
 * broker or database.
 *
 * <pre>
 * given(alice("500000")).when(cancel(X), withdraw(X, "138690"))
 *         .expectAnswers("NOTHING_WITHDRAWN", "CANCELED").expectBalance("500000").expectNoEntries();
 * </pre>
 */
final class LedgerSpec {

    static final Owner ALICE = new Owner("alice");
    private static final Currency KRW = Currency.getInstance("KRW");

    /** Alice's KRW account before the requests. */
    record Holding(String balance, boolean isFrozen, Optional<String> maxWithdrawal) {

        Holding frozen() {
            return new Holding(balance, true, maxWithdrawal);
        }

        Holding withdrawingAtMost(String limit) {
            return new Holding(balance, isFrozen, Optional.of(limit));
        }
    }

    /** One request to the ledger; its answer as text (the saga row's state, the cancel's outcome, or what it was refused). */
    record Request(String name, Function<LedgerSagaService, String> send) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Holding alice(String krw) {
        return new Holding(krw, false, Optional.empty());
    }

    static Request withdraw(ExchangeId exchange, String krw) {
        return step("withdraw", exchange, krw, (ledger, command) -> ledger.withdraw(command));
    }

    static Request deposit(ExchangeId exchange, String amount, String currency) {
        return new Request("deposit " + amount + " " + currency, ledger -> answer(ledger.deposit(
                new SagaCommand(exchange, ALICE, Money.of(amount, currency)))));
    }

    /** A withdrawal under an exchange id already used, by someone else or for another amount. */
    static Request withdrawAs(Owner owner, ExchangeId exchange, String krw) {
        return new Request("withdraw as " + owner, ledger -> answer(ledger.withdraw(
                new SagaCommand(exchange, owner, Money.of(krw, "KRW")))));
    }

    static Request cancel(ExchangeId exchange) {
        return new Request("cancel", ledger -> ledger.cancel(new CancelWithdrawalCommand(exchange)).name());
    }

    /** One poll's cancels in one transaction; its answer: the indexes of those with no withdrawal recorded. */
    static Request cancelInOneBatch(ExchangeId... exchanges) {
        return new Request("cancel batch", ledger -> "not recorded: " + ledger.cancelRecorded(
                Arrays.stream(exchanges).map(CancelWithdrawalCommand::new).toList(), EachCommand.AS_IS));
    }

    private interface Step {
        SagaResult send(LedgerSagaService ledger, SagaCommand command);
    }

    private static Request step(String name, ExchangeId exchange, String krw, Step step) {
        return new Request(name + " " + krw, ledger -> answer(step.send(ledger, new SagaCommand(exchange, ALICE, Money.of(krw, "KRW")))));
    }

    private static String answer(SagaResult result) {
        return switch (result) {
            case SagaResult.Recorded(SagaOperation.Refused refused) -> "REFUSED " + refused.reason();
            case SagaResult.Recorded(SagaOperation operation) -> operation.state().name();
            case SagaResult.ConflictingRepeat conflict -> "CONFLICTING_REPEAT";
        };
    }

    static LedgerSpec given(Holding holding) {
        return new LedgerSpec(holding);
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryLedger ledger = new InMemoryLedger(transactions);
    private final LedgerSagaService service = new LedgerSagaService(ledger.accounts(), ledger.operations(),
            ledger.entries(), ledger.replies(), new HeldCurrencies(Set.of(KRW)), transactions.template());
    private final Account account;
    private final Money opening;
    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    private LedgerSpec(Holding holding) {
        Account opened = Account.open(ALICE, KRW, Instant.EPOCH);
        account = new Account(opened.id(), ALICE, Money.of("0", "KRW"), holding.isFrozen(), Optional.empty(),
                holding.maxWithdrawal().map(limit -> Money.of(limit, "KRW")), opened.openedAt());
        opening = Money.of(holding.balance(), "KRW");
        ledger.accounts().insert(account);
        // Funded as an operator funds it: a top-up, with its counter-leg on FUNDING.
        Account.Moved funded = (Account.Moved) account.topUp(opening, "opening");
        ledger.accounts().updateBalance(account.id(), funded.account().balance());
        ledger.entries().append(funded.entry());
    }

    /** The requests, one after the other, each answered before the next. */
    LedgerSpec when(Request... requests) {
        for (Request request : requests) {
            answers.add(request.send().apply(service));
        }
        return this;
    }

    /** An operator freezes alice's account between the requests. */
    LedgerSpec frozenByAnOperator() {
        ledger.accounts().updateFrozen(account.id(), true);
        return this;
    }

    /**
     * Right before the next saga row is written, {@code request} lands first: sent by another thread in a transaction
     * of its own (another consumer, another instance), committed before the row is tried. Its answer comes first.
     */
    LedgerSpec racedBy(Request request) {
        ledger.beforeNextInsert(() -> {
            Thread other = Thread.ofVirtual().start(() -> answers.add(request.send().apply(service)));
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return this;
    }

    LedgerSpec expectAnswers(String... expected) {
        assertThat(answers).as("the answers").containsExactly(expected);
        return this;
    }

    LedgerSpec expectBalance(String krw) {
        assertThat(ledger.accounts().find(account.id()).orElseThrow().balance()).as("alice's balance")
                .isEqualTo(Money.of(krw, "KRW"));
        return this;
    }

    /** Alice's entries after the opening top-up, by kind and signed amount, in order. */
    LedgerSpec expectEntries(String... expected) {
        assertThat(ledger.entriesOf(account.id()).stream().skip(1).map(entry -> entry.kind() + " " + entry.amount().amount().toPlainString()))
                .as("alice's entries").containsExactly(expected);
        return expectBooksBalance();
    }

    /** The same, in any order: a batch writes its refunds in the order of the exchanges' ids. */
    LedgerSpec expectEntriesInAnyOrder(String... expected) {
        assertThat(ledger.entriesOf(account.id()).stream().skip(1).map(entry -> entry.kind() + " " + entry.amount().amount().toPlainString()))
                .as("alice's entries").containsExactlyInAnyOrder(expected);
        return expectBooksBalance();
    }

    LedgerSpec expectNoEntries() {
        return expectEntries();
    }

    LedgerSpec expectReplies(CancelOutcome... outcomes) {
        assertThat(ledger.repliesWritten()).extracting(InMemoryLedger.Reply::outcome).as("the replies written")
                .containsExactly(outcomes);
        return this;
    }

    /**
     * The books: every entry has its counter-leg of the opposite amount, so the bank's accounts and alice's together sum
     * to nothing; her balance is the sum of her entries; POSITION holds what the exchanges left with the bank.
     */
    private LedgerSpec expectBooksBalance() {
        List<LedgerEntry> entries = ledger.entriesOf(account.id());
        Money sum = entries.stream().map(LedgerEntry::amount).reduce(Money.zero(KRW), Money::plus);
        assertThat(ledger.accounts().find(account.id()).orElseThrow().balance()).as("the balance is the sum of the entries")
                .isEqualTo(sum);
        Map<BankAccount, Money> bank = ledger.legs().stream().collect(Collectors.toMap(BankAccount.Leg::account,
                BankAccount.Leg::amount, Money::plus));
        assertThat(bank.get(BankAccount.FUNDING)).as("funding: the opening top-up").isEqualTo(opening.negate());
        assertThat(bank.getOrDefault(BankAccount.POSITION, Money.zero(KRW))).as("the position: what alice's exchanges left")
                .isEqualTo(opening.minus(sum));
        assertThat(ledger.legs()).as("one counter-leg per entry").hasSize(entries.size());
        return this;
    }
}
