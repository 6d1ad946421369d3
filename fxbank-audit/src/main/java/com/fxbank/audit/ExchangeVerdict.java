package com.fxbank.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The money invariant for one exchange (docs/design.md): what its source and target ledgers booked for it must match
 * its state. The one place the rule is written: {@link MoneyAudit} applies it to every exchange from the databases,
 * the operator console to the one on its page from the services' operator APIs.
 */
public final class ExchangeVerdict {

    private ExchangeVerdict() {
    }

    /** The saga entries one ledger booked for one exchange: how many of each kind, and their signed sum. */
    public record Moves(Map<String, Integer> count, BigDecimal net) {

        public static final Moves NONE = new Moves(Map.of(), BigDecimal.ZERO);

        int count(String kind) {
            return count.getOrDefault(kind, 0);
        }
    }

    /**
     * What is wrong with the exchange; empty when its ledgers agree with its state. An unfinished exchange is never
     * right: the audit runs on a bank at rest, and the console says "not final" instead of judging it.
     */
    public static List<String> violations(String state, BigDecimal sourceAmount, BigDecimal targetAmount, Moves source,
                                          Moves target) {
        List<String> violations = new ArrayList<>();
        switch (state) {
            case "COMPLETED" -> {
                if (source.count("WITHDRAWAL") != 1 || source.net().compareTo(sourceAmount.negate()) != 0) {
                    violations.add("the source ledger moved " + source.net().toPlainString() + " ("
                            + source.count("WITHDRAWAL") + " withdrawal(s), " + source.count("WITHDRAWAL_REFUND")
                            + " refund(s)), expected one withdrawal of -" + sourceAmount.toPlainString());
                }
                if (target.count("DEPOSIT") != 1 || target.net().compareTo(targetAmount) != 0) {
                    violations.add("the target ledger moved " + target.net().toPlainString() + " ("
                            + target.count("DEPOSIT") + " deposit(s)), expected one deposit of "
                            + targetAmount.toPlainString());
                }
            }
            case "FAILED", "FAILED_REFUNDED" -> {
                if (source.net().signum() != 0) {
                    violations.add("net effect on the source ledger is " + source.net().toPlainString()
                            + (source.net().signum() < 0 ? ": money lost" : ": money created"));
                }
                if (target.net().signum() != 0) {
                    violations.add("net effect on the target ledger is " + target.net().toPlainString());
                }
            }
            default -> violations.add("not final: the bank is not at rest or the exchange is stuck");
        }
        return violations;
    }

    /** Whether {@code state} is final (only then can an exchange be judged). */
    public static boolean isFinal(String state) {
        return "COMPLETED".equals(state) || "FAILED".equals(state) || "FAILED_REFUNDED".equals(state);
    }
}
