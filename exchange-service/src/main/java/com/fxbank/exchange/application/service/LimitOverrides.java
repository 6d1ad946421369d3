package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.operator.OperatorActionLog;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.CustomerLimitsUseCase;
import com.fxbank.exchange.application.port.in.LimitsQuery;
import com.fxbank.exchange.application.port.out.LimitOverrideStore;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.LimitOverride;
import com.fxbank.exchange.domain.LimitTerms;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' overrides of customers' limits. The change and its line in the actions log commit together, so the log
 * never shows a change that did not happen nor misses one that did. Usage already taken stays: a lower limit than a
 * customer's usage refuses their next exchange, it undoes none.
 */
@UseCase
class LimitOverrides implements CustomerLimitsUseCase {

    private final LimitOverrideStore overrides;
    private final LimitsQuery limits;
    private final LimitTerms terms;
    private final OperatorActionLog log;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LimitOverrides(LimitOverrideStore overrides, LimitsQuery limits, LimitTerms terms, OperatorActionLog log,
                   TransactionTemplate transaction, Clock clock) {
        this.overrides = overrides;
        this.limits = limits;
        this.terms = terms;
        this.log = log;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public CustomerLimitsView view(String owner) {
        return new CustomerLimitsView(limits.limitsOf(owner), overrides.find(owner));
    }

    @Override
    public ChangeResult set(String owner, CustomerLimits own, String operator, String reason) {
        return change(owner, Optional.of(own), operator, reason);
    }

    @Override
    public ChangeResult clear(String owner, String operator, String reason) {
        return change(owner, Optional.empty(), operator, reason);
    }

    private ChangeResult change(String owner, Optional<CustomerLimits> own, String operator, String reason) {
        try {
            return transaction.execute(status -> {
                Instant now = clock.instant();
                Optional<LimitOverride> before = overrides.lock(owner);
                own.ifPresentOrElse(
                        limits -> overrides.put(new LimitOverride(owner, limits, reason, operator, now)),
                        () -> overrides.remove(owner));
                OperatorAction action = new OperatorAction(now, operator, OperatorAction.Kind.SET_CUSTOMER_LIMITS, owner,
                        reason, shown(before) + " -> " + own.map(LimitOverrides::shown).orElse(defaults()));
                log.append(action);
                return new ChangeResult.Changed(action, new CustomerLimitsView(limits.limitsOf(owner), overrides.find(owner)));
            });
        } catch (LimitOverrideStore.SetBesideException setBeside) {
            return new ChangeResult.SetBeside();
        }
    }

    @Override
    public List<LimitOverride> overrides(int page, int size) {
        return overrides.list(page * size, size + 1);
    }

    private String shown(Optional<LimitOverride> override) {
        return override.map(LimitOverride::limits).map(LimitOverrides::shown).orElse(defaults());
    }

    private String defaults() {
        return "the bank's defaults (" + shown(terms.defaults()) + ")";
    }

    private static String shown(CustomerLimits limits) {
        return "daily " + limits.daily().amount().toPlainString() + ", yearly " + limits.yearly().amount().toPlainString()
                + " USD";
    }
}
