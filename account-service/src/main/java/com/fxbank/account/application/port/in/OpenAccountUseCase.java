package com.fxbank.account.application.port.in;

import java.util.Currency;
import java.util.Objects;
import java.util.Set;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.Owner;

public interface OpenAccountUseCase {

    /** Opens the owner's account in the currency, or reports the one they already have. */
    OpenAccountResult open(OpenAccountCommand command);

    record OpenAccountCommand(Owner owner, Currency currency) {
        public OpenAccountCommand {
            Objects.requireNonNull(owner, "owner is required");
            Objects.requireNonNull(currency, "currency is required");
        }
    }

    sealed interface OpenAccountResult {
        record Opened(Account account) implements OpenAccountResult {
        }

        /** An owner holds one account per currency. */
        record AlreadyExists(Account existing) implements OpenAccountResult {
        }

        /** This ledger does not hold that currency (KRW lives in krw-account, the rest in fx-account). */
        record CurrencyNotHeld(Currency currency, Set<Currency> held) implements OpenAccountResult {
        }
    }
}
