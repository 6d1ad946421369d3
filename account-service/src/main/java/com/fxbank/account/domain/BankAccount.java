package com.fxbank.account.domain;

import com.fxbank.common.money.Money;

/**
 * The bank's own accounts in a ledger, one of each per currency (docs/design.md, "The bank's books"). Every customer
 * entry is one leg of a posting whose other leg is on one of these, of the opposite amount in the same currency:
 * <ul>
 *   <li>{@link #POSITION}, the FX desk: a withdrawal for an exchange credits it, a deposit debits it, a refund
 *       reverses the withdrawal. Its balance is what the bank holds from exchanges in that currency;</li>
 *   <li>{@link #FUNDING}, the world outside (cash, nostro, settlement): a top-up is paid out of it.</li>
 * </ul>
 * Both may go negative — a short position, money brought in from outside — and that is what they are for: they keep
 * no stored balance and no check. Their balance is the sum of their legs, so no exchange ever waits on another's lock
 * on a bank account.
 */
public enum BankAccount {
    POSITION, FUNDING;

    /** The leg on the bank's side of a customer's entry: the opposite amount, on the account its kind names. */
    public record Leg(BankAccount account, Money amount) {
    }

    /** A bank account's balance in one currency: the sum of its {@code legs}. */
    public record Balance(BankAccount account, Money balance, long legs) {
    }

    public static Leg counterLegOf(LedgerEntry.Kind kind, Money customerAmount) {
        return new Leg(kind == LedgerEntry.Kind.TOP_UP ? FUNDING : POSITION, customerAmount.negate());
    }

    /** Always: a bank account is flagged to go negative, unlike a customer's, whose balance is never below zero. */
    public boolean mayGoNegative() {
        return true;
    }
}
