package com.fxbank.exchange.adapter.out.persistence;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.OperatorActionLog;
import com.fxbank.exchange.domain.OperatorAction;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class OperatorActionJdbcLog implements OperatorActionLog {

    private final JdbcClient jdbc;

    OperatorActionJdbcLog(JdbcClient jdbc) {
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
                .param("result", action.result())
                .update();
    }

    @Override
    public List<OperatorAction> newest(Optional<String> target, int limit) {
        return jdbc.sql("SELECT at, operator, action, target, reason, result FROM operator_action "
                        + (target.isPresent() ? "WHERE target = :target " : "") + "ORDER BY id DESC FETCH FIRST :limit ROWS ONLY")
                .params(target.isPresent() ? java.util.Map.of("target", target.get()) : java.util.Map.of())
                .param("limit", limit)
                .query((rs, n) -> new OperatorAction(rs.getTimestamp("at").toInstant(), rs.getString("operator"),
                        OperatorAction.Kind.valueOf(rs.getString("action")), rs.getString("target"),
                        rs.getString("reason"), rs.getString("result")))
                .list();
    }
}
