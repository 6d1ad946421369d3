package com.fxbank.account.application.port.in;

import java.util.List;

import com.fxbank.account.domain.BankAccount;

/** The bank's own accounts in this ledger: what the FX desk's positions and the funding accounts hold. */
public interface BooksQuery {

    /** Every bank account with a leg, per currency. */
    List<BankAccount.Balance> bankBalances();
}
