package com.fxbank.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the audit found. {@link #violations()} break the money invariant or say the bank is not at rest
 * (an exchange not final, an outbox not drained, a consumer group behind); {@link #facts()} are counts
 * worth reading. The audit passes when there is no violation.
 */
public final class AuditReport {

    private final List<String> violations = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();

    void violation(String text) {
        violations.add(text);
    }

    void fact(String text) {
        facts.add(text);
    }

    private final java.util.Map<String, java.math.BigDecimal> positions = new java.util.TreeMap<>();
    private java.math.BigDecimal spreadEarnedKrw = java.math.BigDecimal.ZERO;

    void position(String currency, java.math.BigDecimal amount) {
        positions.put(currency, amount);
    }

    void spreadEarned(java.math.BigDecimal krw) {
        spreadEarnedKrw = krw;
    }

    /** The desk's position per currency as the audit read it from both ledgers' legs. */
    public java.util.Map<String, java.math.BigDecimal> positions() {
        return java.util.Map.copyOf(positions);
    }

    /** The spread earned by every completed exchange, recomputed from the quotes: what /ops/v1/positions must say. */
    public java.math.BigDecimal spreadEarnedKrw() {
        return spreadEarnedKrw;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public List<String> facts() {
        return List.copyOf(facts);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        facts.forEach(fact -> out.append("  ").append(fact).append('\n'));
        if (clean()) {
            out.append("AUDIT CLEAN: no money lost, created or moved twice; every balance equals its entries; the books balance.\n");
        } else {
            out.append("AUDIT FAILED: ").append(violations.size()).append(" violation(s)\n");
            violations.forEach(violation -> out.append("  ✗ ").append(violation).append('\n'));
        }
        return out.toString();
    }
}
