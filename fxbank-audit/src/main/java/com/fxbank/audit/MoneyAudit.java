package com.fxbank.audit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The money invariant of DESIGN.md §5, checked from the outside: straight from the three databases and
 * Kafka, sharing no code with the services it audits.
 * <ul>
 *   <li>COMPLETED: the source ledger has exactly one withdrawal of the quoted source amount and no refund;
 *       the target ledger exactly one deposit of the quoted target amount;</li>
 *   <li>FAILED or FAILED_REFUNDED: the net effect on both ledgers is zero;</li>
 *   <li>no ledger moved money for an exchange the exchange service does not know;</li>
 *   <li>every balance equals the sum of its entries and is not negative;</li>
 *   <li>at rest: every exchange final, every outbox drained, every consumer group caught up.</li>
 * </ul>
 */
public final class MoneyAudit {

    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "FAILED_REFUNDED");
    private static final Map<String, List<String>> CONSUMED = Map.of(
            "krw-account", List.of(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic()),
            "fx-account", List.of(Ledger.FX_ACCOUNT.withdrawalCancelRequestTopic()),
            "exchange-service", List.of(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(),
                    Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic()));

    private MoneyAudit() {
    }

    public static AuditReport run(AuditTarget target) {
        AuditReport report = new AuditReport();
        try (Connection exchange = connect(target.exchange());
             Connection krw = connect(target.krwAccount());
             Connection fx = connect(target.fxAccount())) {
            Map<Ledger, Connection> ledgers = Map.of(Ledger.KRW_ACCOUNT, krw, Ledger.FX_ACCOUNT, fx);
            List<ExchangeRow> exchanges = exchanges(exchange);
            Map<Ledger, Map<String, Movement>> movements = new HashMap<>();
            for (var ledger : ledgers.entrySet()) {
                movements.put(ledger.getKey(), movements(ledger.getValue()));
            }
            checkExchanges(exchanges, movements, report);
            checkOrphans(exchanges, movements, report);
            for (var ledger : ledgers.entrySet()) {
                checkBalances(ledger.getKey(), ledger.getValue(), report);
                checkOutbox(ledger.getKey().id(), ledger.getValue(), report);
            }
            checkOutbox("exchange-service", exchange, report);
        } catch (SQLException e) {
            report.violation("cannot read the databases: " + e.getMessage());
        }
        checkKafka(target.kafkaBootstrapServers(), report);
        return report;
    }

    private record ExchangeRow(String id, String state, String direction, BigDecimal fxAmount, BigDecimal krwAmount) {
        Ledger source() {
            return "BUY".equals(direction) ? Ledger.KRW_ACCOUNT : Ledger.FX_ACCOUNT;
        }

        Ledger target() {
            return "BUY".equals(direction) ? Ledger.FX_ACCOUNT : Ledger.KRW_ACCOUNT;
        }

        BigDecimal sourceAmount() {
            return "BUY".equals(direction) ? krwAmount : fxAmount;
        }

        BigDecimal targetAmount() {
            return "BUY".equals(direction) ? fxAmount : krwAmount;
        }
    }

    /** The saga entries of one exchange in one ledger, by kind: how many, and their sum. */
    private record Movement(Map<String, Integer> count, Map<String, BigDecimal> sum) {
        int count(String kind) {
            return count.getOrDefault(kind, 0);
        }

        BigDecimal sum(String kind) {
            return sum.getOrDefault(kind, BigDecimal.ZERO);
        }

        BigDecimal net() {
            return sum.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private static final Movement NONE = new Movement(Map.of(), Map.of());

    private static List<ExchangeRow> exchanges(Connection db) throws SQLException {
        List<ExchangeRow> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.id, e.state, q.direction, q.fx_amount, q.krw_amount
                     FROM exchange e JOIN quote q ON q.id = e.quote_id""")) {
            while (rs.next()) {
                rows.add(new ExchangeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)));
            }
        }
        return rows;
    }

    private static Map<String, Movement> movements(Connection db) throws SQLException {
        Map<String, Movement> movements = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT reference, kind, COUNT(*), SUM(amount) FROM ledger_entry
                     WHERE kind IN ('WITHDRAWAL', 'DEPOSIT', 'WITHDRAWAL_REFUND') GROUP BY reference, kind""")) {
            while (rs.next()) {
                Movement movement = movements.computeIfAbsent(rs.getString(1), k -> new Movement(new HashMap<>(), new HashMap<>()));
                movement.count().put(rs.getString(2), rs.getInt(3));
                movement.sum().put(rs.getString(2), rs.getBigDecimal(4));
            }
        }
        return movements;
    }

    private static void checkExchanges(List<ExchangeRow> exchanges, Map<Ledger, Map<String, Movement>> movements,
                                       AuditReport report) {
        Map<String, Long> byState = exchanges.stream().collect(Collectors.groupingBy(ExchangeRow::state, Collectors.counting()));
        report.fact("exchanges: " + exchanges.size() + " " + byState);
        for (ExchangeRow exchange : exchanges) {
            Movement source = movements.get(exchange.source()).getOrDefault(exchange.id(), NONE);
            Movement target = movements.get(exchange.target()).getOrDefault(exchange.id(), NONE);
            String where = "exchange " + exchange.id() + " (" + exchange.state() + ", " + exchange.direction() + "): ";
            switch (exchange.state()) {
                case "COMPLETED" -> {
                    if (source.count("WITHDRAWAL") != 1 || source.net().compareTo(exchange.sourceAmount().negate()) != 0) {
                        report.violation(where + "the source ledger moved " + source.net().toPlainString() + " ("
                                + source.count("WITHDRAWAL") + " withdrawal(s), " + source.count("WITHDRAWAL_REFUND")
                                + " refund(s)), expected one withdrawal of -" + exchange.sourceAmount().toPlainString());
                    }
                    if (target.count("DEPOSIT") != 1 || target.net().compareTo(exchange.targetAmount()) != 0) {
                        report.violation(where + "the target ledger moved " + target.net().toPlainString() + " ("
                                + target.count("DEPOSIT") + " deposit(s)), expected one deposit of "
                                + exchange.targetAmount().toPlainString());
                    }
                }
                case "FAILED", "FAILED_REFUNDED" -> {
                    if (source.net().signum() != 0) {
                        report.violation(where + "net effect on the source ledger is " + source.net().toPlainString()
                                + (source.net().signum() < 0 ? ": money lost" : ": money created"));
                    }
                    if (target.net().signum() != 0) {
                        report.violation(where + "net effect on the target ledger is " + target.net().toPlainString());
                    }
                }
                default -> report.violation(where + "not final: the bank is not at rest or the exchange is stuck");
            }
        }
    }

    private static void checkOrphans(List<ExchangeRow> exchanges, Map<Ledger, Map<String, Movement>> movements,
                                     AuditReport report) {
        Set<String> known = new HashSet<>();
        exchanges.forEach(exchange -> known.add(exchange.id()));
        for (var ledger : movements.entrySet()) {
            for (var movement : ledger.getValue().entrySet()) {
                if (!known.contains(movement.getKey())) {
                    report.violation(ledger.getKey().id() + " moved " + movement.getValue().net().toPlainString()
                            + " for exchange " + movement.getKey() + ", which the exchange service does not know");
                }
            }
        }
    }

    private static void checkBalances(Ledger ledger, Connection db, AuditReport report) throws SQLException {
        int accounts = 0;
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT a.id, a.balance, COALESCE(SUM(e.amount), 0)
                     FROM account a LEFT JOIN ledger_entry e ON e.account_id = a.id
                     GROUP BY a.id, a.balance""")) {
            while (rs.next()) {
                accounts++;
                BigDecimal balance = rs.getBigDecimal(2);
                BigDecimal entries = rs.getBigDecimal(3);
                if (balance.compareTo(entries) != 0) {
                    report.violation(ledger.id() + " account " + rs.getString(1) + ": balance " + balance.toPlainString()
                            + " is not the sum of its entries " + entries.toPlainString());
                }
                if (balance.signum() < 0) {
                    report.violation(ledger.id() + " account " + rs.getString(1) + ": negative balance " + balance.toPlainString());
                }
            }
        }
        report.fact(ledger.id() + ": " + accounts + " accounts checked against their entries");
    }

    private static void checkOutbox(String service, Connection db, AuditReport report) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM outbox_message WHERE sent_at IS NULL")) {
            rs.next();
            long unsent = rs.getLong(1);
            if (unsent > 0) {
                report.violation(service + ": outbox not drained, " + unsent + " message(s) not yet acknowledged by Kafka");
            }
        }
    }

    private static void checkKafka(String bootstrapServers, AuditReport report) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            for (var group : CONSUMED.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                long lag = 0;
                for (String topic : group.getValue()) {
                    for (var end : endOffsets(admin, topic).entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        lag += end.getValue() - (at == null ? 0 : at.offset());
                    }
                }
                if (lag > 0) {
                    report.violation("consumer group " + group.getKey() + " is " + lag + " message(s) behind");
                }
            }
            List<String> deadLetters = admin.listTopics().names().get(15, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.endsWith(Topics.DEAD_LETTER_SUFFIX)).sorted().toList();
            for (String topic : deadLetters) {
                long records = endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
                report.fact("dead letters in " + topic + ": " + records);
            }
        } catch (Exception e) {
            report.violation("cannot read Kafka at " + bootstrapServers + ": " + e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (var entry : admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).entrySet()) {
            ListOffsetsResult.ListOffsetsResultInfo info = entry.getValue();
            ends.put(entry.getKey(), info.offset());
        }
        return ends;
    }

    private static Connection connect(AuditTarget.Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
