package com.fxbank.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions for the in-memory fakes of a service's ports: each write a fake makes inside a transaction leaves an undo step, and a
 * rollback runs them backwards, so that "nothing of a rolled-back transaction is stored" holds here as in PostgreSQL.
 * A write outside any transaction stands at once. Transactions are per thread, as Spring's are; a transaction
 * inside another joins it.
 */
public final class InMemoryTransactions extends AbstractPlatformTransactionManager {

    private final ThreadLocal<List<Runnable>> undo = new ThreadLocal<>();
    private final ThreadLocal<Boolean> rollbackOnly = new ThreadLocal<>();

    public TransactionTemplate template() {
        return new TransactionTemplate(this);
    }

    /** Called by a fake before it writes: how to take the write back should the transaction roll back. */
    public void onRollback(Runnable step) {
        List<Runnable> steps = undo.get();
        if (steps != null) {
            steps.add(step);
        }
    }

    @Override
    protected Object doGetTransaction() {
        return new Current(undo.get() != null);
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((Current) transaction).existing;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        undo.set(new ArrayList<>());
        rollbackOnly.set(false);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        undo.remove();
        rollbackOnly.remove();
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        List<Runnable> steps = undo.get();
        undo.remove();
        rollbackOnly.remove();
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).run();
        }
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        rollbackOnly.set(true);
    }

    /** A joined transaction that failed marks the whole one rollback-only: its commit then rolls back. */
    private final class Current implements SmartTransactionObject {

        private final boolean existing;

        private Current(boolean existing) {
            this.existing = existing;
        }

        @Override
        public boolean isRollbackOnly() {
            return Boolean.TRUE.equals(rollbackOnly.get());
        }

        @Override
        public void flush() {
        }
    }
}
