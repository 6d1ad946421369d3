package com.fxbank.operations;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.operator.OperatorActionLog;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operators' actions in this service, append-only: there is no way here to change or remove one. {@link #append} runs
 * in the transaction of the action itself, so the journal never shows an action that did not happen nor misses one
 * that did. The same table and code in every service (outbox schema V7).
 */
public class OperatorJournal implements OperatorActionLog {

    private final JdbcClient jdbc;

    public OperatorJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(OperatorAction action) {
        jdbc.sql("""
                        INSERT INTO operator_action (at, operator, action, target, reason, result)
                        VALUES (:at, :operator, :action, :target, :reason, :result)""")
                .param("at", Timestamp.from(action.at()))
                .param("operator", action.operator())
                .param("action", action.kind().name())
                .param("target", action.target())
                .param("reason", action.reason())
                .param("result", action.result().length() > 255 ? action.result().substring(0, 252) + "..." : action.result())
                .update();
    }

    /** Newest first; only those on {@code target} when it is given. */
    @Override
    public List<OperatorAction> newest(Optional<String> target, int limit) {
        return jdbc.sql("SELECT at, operator, action, target, reason, result FROM operator_action "
                        + (target.isPresent() ? "WHERE target = :target " : "") + "ORDER BY id DESC FETCH FIRST :limit ROWS ONLY")
                .params(target.isPresent() ? Map.of("target", target.get()) : Map.of())
                .param("limit", limit)
                .query((rs, n) -> new OperatorAction(rs.getTimestamp("at").toInstant(), rs.getString("operator"),
                        OperatorAction.Kind.valueOf(rs.getString("action")), rs.getString("target"),
                        rs.getString("reason"), rs.getString("result")))
                .list();
    }
}
