package com.fxbank.account.application.port.in;

import java.util.Objects;
import java.util.Optional;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.input.ClientInput;
import com.fxbank.common.money.Money;

/** What bank staff do to accounts: fund them, freeze them, limit them. */
public interface OperatorUseCase {

    TopUpResult topUp(TopUpCommand command);

    /** Freeze or unfreeze, recorded with who and why in the operators' journal; empty when there is no such account. */
    Optional<Account> setFrozen(AccountId accountId, boolean frozen, String operator, String reason);

    /** Set both limits (empty: none), recorded with who and why; empty when there is no such account. */
    Optional<Account> setLimits(AccountId accountId, Optional<Money> maxBalance, Optional<Money> maxWithdrawal,
                                String operator, String reason);

    /** Credit an account; {@code reference} makes a repeat harmless (one top-up per reference). */
    record TopUpCommand(AccountId accountId, Money amount, String reference) {
        public TopUpCommand {
            Objects.requireNonNull(accountId, "accountId is required");
            Objects.requireNonNull(amount, "amount is required");
            amount.requirePositive();
            if (reference == null || !reference.matches("[A-Za-z0-9._:-]{1,64}")) {
                throw new IllegalArgumentException("reference must be 1 to 64 letters, digits or . _ : -, got "
                        + ClientInput.shown(reference));
            }
        }
    }

    sealed interface TopUpResult {
        record Applied(LedgerEntry entry) implements TopUpResult {
        }

        record AlreadyApplied(LedgerEntry entry) implements TopUpResult {
        }

        record ConflictingRepeat(LedgerEntry existing) implements TopUpResult {
        }

        record NoSuchAccount() implements TopUpResult {
        }

        /** The balance would pass {@link Account#BALANCE_CEILING}: nothing was credited. */
        record AboveCeiling(Account account) implements TopUpResult {
        }

        /** The amount's currency is not the account's. */
        record WrongCurrency(Account account) implements TopUpResult {
        }
    }
}
