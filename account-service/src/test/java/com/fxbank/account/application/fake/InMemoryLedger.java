package com.fxbank.account.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.application.port.out.SagaOperationStore;
import com.fxbank.account.application.port.out.WithdrawalCancelResponsePort;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.account.domain.CancelOutcome;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.money.Money;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * One ledger's database in memory: accounts, saga rows, entries with their counter-legs, and the outbox's replies —
 * with the constraints the ledger's code relies on: the primary key (exchangeId, kind) and the unique (reference,
 * kind) refuse a second row ({@link AlreadyRecordedException}), and a rolled-back transaction leaves nothing.
 * Each store is one port; they share one lock, as the rows of one database share its transactions.
 */
public final class InMemoryLedger {

    /** A reply written to the outbox, in the order written. */
    public record Reply(ExchangeId exchangeId, CancelOutcome outcome) {
    }

    private final InMemoryTransactions transactions;
    private final Map<AccountId, Account> accountRows = new LinkedHashMap<>();
    private final Map<String, SagaOperation> operationRows = new LinkedHashMap<>();
    private final List<LedgerEntry> entryRows = new ArrayList<>();
    private final List<BankAccount.Leg> legRows = new ArrayList<>();
    private final List<Reply> replyRows = new ArrayList<>();
    private final AccountStore accounts = new Accounts();
    private final SagaOperationStore operations = new SagaOperations();
    private final LedgerEntryStore entries = new Entries();
    private final WithdrawalCancelResponsePort replies = new OutboxReplies();
    private Runnable beforeNextInsert = () -> { };

    public InMemoryLedger(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public SagaOperationStore operations() {
        return operations;
    }

    public LedgerEntryStore entries() {
        return entries;
    }

    public WithdrawalCancelResponsePort replies() {
        return replies;
    }

    /** Runs {@code happening} right before the next saga row is inserted: another request's row landing first. */
    public synchronized void beforeNextInsert(Runnable happening) {
        this.beforeNextInsert = happening;
    }

    public synchronized List<LedgerEntry> entriesOf(AccountId account) {
        return entryRows.stream().filter(entry -> entry.accountId().equals(account)).toList();
    }

    public synchronized List<BankAccount.Leg> legs() {
        return List.copyOf(legRows);
    }

    public synchronized List<Reply> repliesWritten() {
        return List.copyOf(replyRows);
    }

    private static String key(ExchangeId id, SagaOperation.Kind kind) {
        return id + "/" + kind;
    }

    /** Adds an element to a list; inside a transaction, remembers how to take it back. */
    private <T> void add(List<T> list, T element) {
        list.add(element);
        transactions.onRollback(() -> {
            synchronized (this) {
                list.remove(list.lastIndexOf(element));
            }
        });
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        V before = map.put(key, value);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (before == null) {
                    map.remove(key);
                } else {
                    map.put(key, before);
                }
            }
        });
    }

    private final class Accounts implements AccountStore {

        @Override
        public boolean insert(Account account) {
            synchronized (InMemoryLedger.this) {
                if (find(account.owner(), account.currency()).isPresent()) {
                    return false;
                }
                put(accountRows, account.id(), account);
                return true;
            }
        }

        @Override
        public Optional<Account> find(AccountId id) {
            synchronized (InMemoryLedger.this) {
                return Optional.ofNullable(accountRows.get(id));
            }
        }

        @Override
        public Optional<Account> find(Owner owner, Currency currency) {
            synchronized (InMemoryLedger.this) {
                return accountRows.values().stream()
                        .filter(account -> account.owner().equals(owner) && account.currency().equals(currency)).findFirst();
            }
        }

        @Override
        public List<Account> findAll(Owner owner) {
            synchronized (InMemoryLedger.this) {
                return accountRows.values().stream().filter(account -> account.owner().equals(owner)).toList();
            }
        }

        /** One JVM, one lock: every store method holds it; the row is returned as it is. */
        @Override
        public Optional<Account> lock(AccountId id) {
            return find(id);
        }

        @Override
        public Optional<Account> lock(Owner owner, Currency currency) {
            return find(owner, currency);
        }

        @Override
        public List<Account> lockAll(Collection<AccountId> ids) {
            synchronized (InMemoryLedger.this) {
                return ids.stream().sorted(Comparator.comparing(AccountId::value)).map(accountRows::get)
                        .filter(Objects::nonNull).toList();
            }
        }

        @Override
        public void updateBalance(AccountId id, Money balance) {
            synchronized (InMemoryLedger.this) {
                Account account = accountRows.get(id);
                put(accountRows, id, new Account(id, account.owner(), balance, account.frozen(), account.maxBalance(),
                        account.maxWithdrawal(), account.openedAt()));
            }
        }

        @Override
        public void updateBalances(Map<AccountId, Money> balances) {
            balances.forEach(this::updateBalance);
        }

        @Override
        public void updateFrozen(AccountId id, boolean frozen) {
            synchronized (InMemoryLedger.this) {
                Account account = accountRows.get(id);
                put(accountRows, id, new Account(id, account.owner(), account.balance(), frozen, account.maxBalance(),
                        account.maxWithdrawal(), account.openedAt()));
            }
        }

        @Override
        public void updateLimits(AccountId id, Optional<Money> maxBalance, Optional<Money> maxWithdrawal) {
            synchronized (InMemoryLedger.this) {
                Account account = accountRows.get(id);
                put(accountRows, id, new Account(id, account.owner(), account.balance(), account.frozen(), maxBalance,
                        maxWithdrawal, account.openedAt()));
            }
        }
    }

    private final class SagaOperations implements SagaOperationStore {

        @Override
        public void insert(SagaOperation operation) {
            Runnable happening;
            synchronized (InMemoryLedger.this) {
                happening = beforeNextInsert;
                beforeNextInsert = () -> { };
            }
            happening.run();
            synchronized (InMemoryLedger.this) {
                String key = key(operation.exchangeId(), operation.kind());
                if (operationRows.containsKey(key)) {
                    throw new AlreadyRecordedException("exchange " + operation.exchangeId() + " " + operation.kind());
                }
                put(operationRows, key, operation);
            }
        }

        @Override
        public Optional<SagaOperation> find(ExchangeId exchangeId, SagaOperation.Kind kind) {
            synchronized (InMemoryLedger.this) {
                return Optional.ofNullable(operationRows.get(key(exchangeId, kind)));
            }
        }

        @Override
        public Optional<SagaOperation> lock(ExchangeId exchangeId, SagaOperation.Kind kind) {
            return find(exchangeId, kind);
        }

        @Override
        public List<SagaOperation> lockAll(Collection<ExchangeId> exchangeIds, SagaOperation.Kind kind) {
            return exchangeIds.stream().sorted(Comparator.comparing(ExchangeId::value)).map(id -> find(id, kind))
                    .flatMap(Optional::stream).toList();
        }

        @Override
        public void updateState(SagaOperation operation) {
            synchronized (InMemoryLedger.this) {
                String key = key(operation.exchangeId(), operation.kind());
                if (!operationRows.containsKey(key)) {
                    throw new IllegalStateException("no saga row " + key + " to update");
                }
                put(operationRows, key, operation);
            }
        }

        @Override
        public void updateStates(List<SagaOperation> updated) {
            updated.forEach(this::updateState);
        }
    }

    private final class Entries implements LedgerEntryStore {

        @Override
        public LedgerEntry append(LedgerEntry.New entry) {
            synchronized (InMemoryLedger.this) {
                if (find(entry.reference(), entry.kind()).isPresent()) {
                    throw new AlreadyRecordedException("entry " + entry.reference() + " " + entry.kind());
                }
                LedgerEntry stored = new LedgerEntry(entryRows.size() + 1L, entry.accountId(), entry.kind(), entry.amount(),
                        entry.balanceAfter(), entry.reference(), Instant.EPOCH.plusSeconds(entryRows.size()));
                add(entryRows, stored);
                add(legRows, BankAccount.counterLegOf(entry.kind(), entry.amount()));
                return stored;
            }
        }

        @Override
        public Optional<LedgerEntry> find(String reference, LedgerEntry.Kind kind) {
            synchronized (InMemoryLedger.this) {
                return entryRows.stream().filter(entry -> entry.reference().equals(reference) && entry.kind() == kind)
                        .findFirst();
            }
        }

        @Override
        public void appendAll(List<LedgerEntry.New> all) {
            all.forEach(this::append);
        }

        @Override
        public List<LedgerEntry> ofReference(String reference) {
            synchronized (InMemoryLedger.this) {
                return entryRows.stream().filter(entry -> entry.reference().equals(reference)).toList();
            }
        }

        @Override
        public List<LedgerEntry> page(AccountId accountId, int page, int size) {
            List<LedgerEntry> newestFirst = new ArrayList<>(entriesOf(accountId)).reversed();
            return newestFirst.stream().skip((long) page * size).limit(size).toList();
        }

        @Override
        public List<BankAccount.Balance> bankBalances() {
            synchronized (InMemoryLedger.this) {
                Map<String, BankAccount.Balance> sums = new HashMap<>();
                for (BankAccount.Leg leg : legRows) {
                    sums.merge(leg.account() + "/" + leg.amount().currency(), new BankAccount.Balance(leg.account(), leg.amount(), 1),
                            (a, b) -> new BankAccount.Balance(a.account(), a.balance().plus(b.balance()), a.legs() + b.legs()));
                }
                return List.copyOf(sums.values());
            }
        }

        @Override
        public Money balanceBefore(AccountId accountId, Currency currency, Instant at) {
            return entriesOf(accountId).stream().filter(entry -> entry.at().isBefore(at)).map(LedgerEntry::amount)
                    .reduce(Money.zero(currency), Money::plus);
        }

        @Override
        public List<LedgerEntry> between(AccountId accountId, Instant from, Instant to, int atMost) {
            return entriesOf(accountId).stream().filter(entry -> !entry.at().isBefore(from) && entry.at().isBefore(to))
                    .limit(atMost).toList();
        }
    }

    private final class OutboxReplies implements WithdrawalCancelResponsePort {

        @Override
        public void reply(ExchangeId exchangeId, CancelOutcome outcome) {
            synchronized (InMemoryLedger.this) {
                add(replyRows, new Reply(exchangeId, outcome));
            }
        }

        @Override
        public WithdrawalCancelResponsePort.Replies batch() {
            return new Batch();
        }

        private final class Batch implements WithdrawalCancelResponsePort.Replies {

            private final List<Reply> added = new ArrayList<>();

            @Override
            public void add(ExchangeId exchangeId, CancelOutcome outcome) {
                added.add(new Reply(exchangeId, outcome));
            }

            @Override
            public void write() {
                added.forEach(reply -> reply(reply.exchangeId(), reply.outcome()));
            }
        }
    }
}
