package com.fxbank.account.application.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fxbank.account.application.port.in.CancelWithdrawalUseCase;
import com.fxbank.account.application.port.in.LedgerSagaUseCase;
import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.WithdrawalCancelResponsePort;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.application.port.out.SagaOperationStore;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.CancelOutcome;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.HeldCurrencies;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.RefusalReason;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.account.domain.SagaOperation.Kind;
import com.fxbank.common.batch.EachCommand;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.UseCase;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdraw, deposit and cancel, each exactly once per exchange (DESIGN B2).
 *
 * <p>Every step first tries to <em>record</em> itself under the primary key (exchangeId, kind), in the same
 * transaction that moves the money. The key decides between racing duplicates, not a read before the
 * write: the loser's transaction rolls back whole ({@link AlreadyRecordedException}) and it then reads
 * what the winner recorded. A cancel that finds no withdrawal records a tombstone under the withdrawal's
 * key, so a late withdrawal loses that race too and is refused as CANCELED.
 *
 * <p>Locks are taken in one order — the saga row, then the account — so these transactions cannot
 * deadlock one another.
 */
@UseCase
class LedgerSagaService implements LedgerSagaUseCase, CancelWithdrawalUseCase {

    private final AccountStore accounts;
    private final SagaOperationStore operations;
    private final LedgerEntryStore entries;
    private final WithdrawalCancelResponsePort replies;
    private final HeldCurrencies held;
    private final TransactionTemplate transaction;

    LedgerSagaService(AccountStore accounts, SagaOperationStore operations, LedgerEntryStore entries,
                      WithdrawalCancelResponsePort replies, HeldCurrencies held, TransactionTemplate transaction) {
        this.accounts = accounts;
        this.operations = operations;
        this.entries = entries;
        this.replies = replies;
        this.held = held;
        this.transaction = transaction;
    }

    @Override
    public SagaResult withdraw(SagaCommand command) {
        return step(command, Kind.WITHDRAWAL);
    }

    @Override
    public SagaResult deposit(SagaCommand command) {
        return step(command, Kind.DEPOSIT);
    }

    @Override
    public Optional<SagaOperation> status(ExchangeId exchangeId, Kind kind) {
        return operations.find(exchangeId, kind);
    }

    private SagaResult step(SagaCommand command, Kind kind) {
        try {
            return transaction.execute(status -> new SagaResult.Recorded(recordFirstTime(command, kind)));
        } catch (AlreadyRecordedException repeat) {
            return transaction.execute(status -> answerRepeat(command, kind));
        }
    }

    /** The step is recorded first (its key decides between racing duplicates), then the money moves as the account says. */
    private SagaOperation recordFirstTime(SagaCommand command, Kind kind) {
        Money amount = command.amount();
        Optional<Account> locked = held.contains(amount.currency())
                ? accounts.lock(command.owner(), amount.currency())
                : Optional.empty();
        if (locked.isEmpty()) {
            SagaOperation refused = SagaOperation.refused(command.exchangeId(), kind, command.owner(), amount,
                    RefusalReason.NO_SUCH_ACCOUNT, Optional.empty());
            operations.insert(refused);
            return refused;
        }
        Account account = locked.get();
        String reference = command.exchangeId().toString();
        return switch (kind == Kind.WITHDRAWAL ? account.withdraw(amount, reference) : account.deposit(amount, reference)) {
            case Account.Refused(RefusalReason reason) -> {
                SagaOperation refused = SagaOperation.refused(command.exchangeId(), kind, command.owner(), amount, reason,
                        Optional.of(account.id()));
                operations.insert(refused);
                yield refused;
            }
            case Account.Moved(Account after, LedgerEntry.New entry) -> {
                SagaOperation applied = SagaOperation.applied(command.exchangeId(), kind, command.owner(), amount, account.id());
                operations.insert(applied);
                accounts.updateBalance(after.id(), after.balance());
                entries.append(entry);
                yield applied;
            }
        };
    }

    private SagaResult answerRepeat(SagaCommand command, Kind kind) {
        SagaOperation existing = operations.find(command.exchangeId(), kind)
                .orElseThrow(() -> new IllegalStateException("a duplicate of " + command.exchangeId() + " " + kind
                        + " was reported but no row is there"));
        if (!existing.sameRequest(command.owner(), command.amount())) {
            return new SagaResult.ConflictingRepeat(existing);
        }
        return new SagaResult.Recorded(existing);
    }

    /**
     * The withdrawal is looked up and locked first: when it is recorded (almost always) the cancel is one transaction.
     * Only when none is recorded is the tombstone inserted, and a withdrawal recorded in the meantime makes that insert
     * fail; the cancel then runs again on the withdrawal now there.
     */
    @Override
    public CancelOutcome cancel(CancelWithdrawalCommand command) {
        try {
            return transaction.execute(status -> operations.lock(command.exchangeId(), Kind.WITHDRAWAL)
                    .map(this::cancelRecordedWithdrawal)
                    .orElseGet(() -> {
                        operations.insert(SagaOperation.tombstone(command.exchangeId()));
                        replies.reply(command.exchangeId(), CancelOutcome.NOTHING_WITHDRAWN);
                        return CancelOutcome.NOTHING_WITHDRAWN;
                    }));
        } catch (AlreadyRecordedException aWithdrawalWasJustRecorded) {
            return transaction.execute(status -> cancelRecordedWithdrawal(operations.lock(command.exchangeId(), Kind.WITHDRAWAL)
                    .orElseThrow(() -> new IllegalStateException("withdrawal " + command.exchangeId() + " vanished"))));
        }
    }

    /**
     * One transaction for the whole batch, in a handful of statements whatever its size: the withdrawals locked in one,
     * the accounts in one, then the entries, the withdrawals' states, the balances and the replies each written in one
     * batched statement. Locks are taken in one order in every transaction that takes several — the saga rows by
     * exchange id, then the accounts by account id (a refund takes its saga row before its account, as {@link #cancel}
     * does) — so concurrent batches cannot deadlock one another. Each entry carries the balance after it.
     */
    @Override
    public List<Integer> cancelRecorded(List<CancelWithdrawalCommand> commands, EachCommand each) {
        Map<ExchangeId, List<Integer>> asked = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            asked.computeIfAbsent(commands.get(i).exchangeId(), id -> new ArrayList<>()).add(i);
        }
        return transaction.execute(status -> {
            Map<ExchangeId, CancelOutcome> answered = new HashMap<>();
            Map<AccountId, List<SagaOperation.Applied>> refundsByAccount = new HashMap<>();
            for (SagaOperation withdrawal : operations.lockAll(asked.keySet(), Kind.WITHDRAWAL)) {
                if (withdrawal instanceof SagaOperation.Applied applied) {
                    refundsByAccount.computeIfAbsent(applied.accountId(), id -> new ArrayList<>()).add(applied);
                    answered.put(withdrawal.exchangeId(), CancelOutcome.REFUNDED);
                } else {
                    answered.put(withdrawal.exchangeId(), withdrawal instanceof SagaOperation.Refunded
                            ? CancelOutcome.REFUNDED : CancelOutcome.NOTHING_WITHDRAWN);
                }
            }
            List<Account> locked = accounts.lockAll(refundsByAccount.keySet());
            if (locked.size() != refundsByAccount.size()) {
                throw new IllegalStateException("an account of a recorded withdrawal vanished");
            }
            WithdrawalCancelResponsePort.Replies batch = replies.batch();
            List<LedgerEntry.New> refundEntries = new ArrayList<>();
            List<SagaOperation> refunded = new ArrayList<>();
            Map<AccountId, Money> balances = new LinkedHashMap<>();
            Set<Integer> answeredIndexes = new HashSet<>();
            for (Account lockedAccount : locked) {
                Account account = lockedAccount;
                for (SagaOperation.Applied withdrawal : refundsByAccount.get(account.id())) {
                    Account.Moved refund = account.refund(withdrawal.amount(), withdrawal.exchangeId().toString());
                    account = refund.account();
                    refundEntries.add(refund.entry());
                    refunded.add(withdrawal.refunded());
                    int first = asked.get(withdrawal.exchangeId()).getFirst();
                    each.run(first, () -> batch.add(withdrawal.exchangeId(), CancelOutcome.REFUNDED));
                    answeredIndexes.add(first);
                }
                balances.put(account.id(), account.balance());
            }
            List<Integer> notRecorded = new ArrayList<>();
            asked.forEach((exchangeId, indexes) -> indexes.forEach(index -> {
                CancelOutcome outcome = answered.get(exchangeId);
                if (outcome == null) {
                    notRecorded.add(index);
                } else if (!answeredIndexes.contains(index)) {
                    each.run(index, () -> batch.add(exchangeId, outcome));
                }
            }));
            entries.appendAll(refundEntries);
            operations.updateStates(refunded);
            accounts.updateBalances(balances);
            batch.write();
            notRecorded.sort(Comparator.naturalOrder());
            return notRecorded;
        });
    }

    private CancelOutcome cancelRecordedWithdrawal(SagaOperation withdrawal) {
        CancelOutcome outcome = switch (withdrawal) {
            case SagaOperation.Applied applied -> {
                refund(applied);
                yield CancelOutcome.REFUNDED;
            }
            case SagaOperation.Refunded refunded -> CancelOutcome.REFUNDED;
            case SagaOperation.Refused refused -> CancelOutcome.NOTHING_WITHDRAWN;
            case SagaOperation.Tombstone tombstone -> CancelOutcome.NOTHING_WITHDRAWN;
        };
        replies.reply(withdrawal.exchangeId(), outcome);
        return outcome;
    }

    private void refund(SagaOperation.Applied withdrawal) {
        Account account = accounts.lock(withdrawal.accountId())
                .orElseThrow(() -> new IllegalStateException("the account of withdrawal " + withdrawal.exchangeId() + " vanished"));
        Account.Moved refund = account.refund(withdrawal.amount(), withdrawal.exchangeId().toString());
        accounts.updateBalance(account.id(), refund.account().balance());
        entries.append(refund.entry());
        operations.updateState(withdrawal.refunded());
    }
}
