package com.fxbank.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    private final Map<String, BigDecimal> positions = new TreeMap<>();
    private BigDecimal spreadEarnedKrw = BigDecimal.ZERO;

    void position(String currency, BigDecimal amount) {
        positions.put(currency, amount);
    }

    void spreadEarned(BigDecimal krw) {
        spreadEarnedKrw = krw;
    }

    /** The desk's position per currency as the audit read it from both ledgers' legs. */
    public Map<String, BigDecimal> positions() {
        return Map.copyOf(positions);
    }

    /** The spread earned by every completed exchange, recomputed from the quotes: what /ops/v1/positions must say. */
    public BigDecimal spreadEarnedKrw() {
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
