package com.fxbank.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 *   <li>prices: the quote's two amounts follow from its recorded customer rate under the rounding rule (what the
 *       customer pays rounded up, what the customer gets rounded down, to the currency's minor unit), the customer
 *       rate follows from the recorded mid rate and spread, and the effective rate (KRW ÷ foreign amount) is on the
 *       bank's side of the mid rate. The rule is written here again on purpose: the audit shares no code with the
 *       pricing it checks;</li>
 *   <li>places: every ledger entry of an exchange is in an account of the exchange's owner, in KRW on the KRW
 *       ledger and in the quote's currency on the FX ledger;</li>
 *   <li>no ledger moved money for an exchange the exchange service does not know;</li>
 *   <li>every balance equals the sum of its entries and is not negative;</li>
 *   <li>the books (double-entry): every customer entry has exactly one counter-leg, of the opposite amount in its
 *       currency, on the bank's account its kind names (FUNDING for a top-up, POSITION otherwise), and no leg is
 *       without its entry; per ledger and currency, debits equal credits (customers' entries and the bank's legs sum
 *       to zero); the desk's position per currency, across both ledgers, is what the completed exchanges moved; the
 *       spread earned is recomputed from the quotes ({@link AuditReport#spreadEarnedKrw()});</li>
 *   <li>customer limits: each customer's usage of a business day and year is the USD equivalent of their exchanges
 *       started then that did not end FAILED or FAILED_REFUNDED (completed and in flight);</li>
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
            checkPrices(exchanges, report);
            checkPlaces(exchanges, movements, report);
            checkOrphans(exchanges, movements, report);
            Map<String, BigDecimal> positions = new TreeMap<>();
            for (var ledger : ledgers.entrySet()) {
                checkBalances(ledger.getKey(), ledger.getValue(), report);
                checkBooks(ledger.getKey(), ledger.getValue(), report, positions);
                checkOutbox(ledger.getKey().id(), ledger.getValue(), report);
            }
            checkPositions(exchanges, positions, report);
            checkSpread(exchanges, report);
            checkUsage(exchange, target.businessZone(), report);
            checkOutbox("exchange-service", exchange, report);
        } catch (SQLException e) {
            report.violation("cannot read the databases: " + e.getMessage());
        }
        checkKafka(target.kafkaBootstrapServers(), target.kafkaSettings(), report);
        return report;
    }

    /** One exchange and its quote; {@code mid} and what goes with it are null for quotes older than their recording. */
    private record ExchangeRow(String id, String state, String owner, String direction, String currency,
                               BigDecimal fxAmount, BigDecimal krwAmount, BigDecimal rate, BigDecimal mid,
                               Integer spreadBasisPoints, String named) {
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

    /** Where one entry of an exchange was booked. */
    private record Place(String kind, String accountId, String owner, String currency) {
    }

    /** The saga entries of one exchange in one ledger, by kind: how many, their sum, and where they were booked. */
    private record Movement(Map<String, Integer> count, Map<String, BigDecimal> sum, List<Place> places) {
        int count(String kind) {
            return count.getOrDefault(kind, 0);
        }

        BigDecimal sum(String kind) {
            return sum.getOrDefault(kind, BigDecimal.ZERO);
        }

        BigDecimal net() {
            return sum.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        ExchangeVerdict.Moves moves() {
            return new ExchangeVerdict.Moves(count, net());
        }
    }

    private static final Movement NONE = new Movement(Map.of(), Map.of(), List.of());

    private static List<ExchangeRow> exchanges(Connection db) throws SQLException {
        List<ExchangeRow> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.id, e.state, e.owner, q.direction, q.currency, q.fx_amount, q.krw_amount, q.rate,
                            q.mid_rate, q.spread_bp, q.named_amount
                     FROM exchange e JOIN quote q ON q.id = e.quote_id""")) {
            while (rs.next()) {
                rows.add(new ExchangeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).trim(), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), (Integer) rs.getObject(10), rs.getString(11)));
            }
        }
        return rows;
    }

    private static Map<String, Movement> movements(Connection db) throws SQLException {
        Map<String, Movement> movements = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.reference, e.kind, e.amount, a.id, a.owner, a.currency
                     FROM ledger_entry e JOIN account a ON a.id = e.account_id
                     WHERE e.kind IN ('WITHDRAWAL', 'DEPOSIT', 'WITHDRAWAL_REFUND')""")) {
            while (rs.next()) {
                Movement movement = movements.computeIfAbsent(rs.getString(1),
                        k -> new Movement(new HashMap<>(), new HashMap<>(), new ArrayList<>()));
                String kind = rs.getString(2);
                movement.count().merge(kind, 1, Integer::sum);
                movement.sum().merge(kind, rs.getBigDecimal(3), BigDecimal::add);
                movement.places().add(new Place(kind, rs.getString(4), rs.getString(5), rs.getString(6).trim()));
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
            for (String violation : ExchangeVerdict.violations(exchange.state(), exchange.sourceAmount(),
                    exchange.targetAmount(), source.moves(), target.moves())) {
                report.violation(where + violation);
            }
        }
    }

    private static void checkPrices(List<ExchangeRow> exchanges, AuditReport report) {
        int unrecorded = 0;
        for (ExchangeRow exchange : exchanges) {
            if (exchange.mid() == null) {
                unrecorded++;
                continue;
            }
            String where = "exchange " + exchange.id() + " (" + exchange.direction() + " " + exchange.fxAmount().toPlainString()
                    + " " + exchange.currency() + " for " + exchange.krwAmount().toPlainString() + " KRW at "
                    + exchange.rate().toPlainString() + ", mid " + exchange.mid().toPlainString() + "): ";
            boolean buy = "BUY".equals(exchange.direction());
            BigDecimal spread = BigDecimal.valueOf(exchange.spreadBasisPoints()).movePointLeft(4);
            BigDecimal expectedRate = buy
                    ? exchange.mid().multiply(BigDecimal.ONE.add(spread)).setScale(4, RoundingMode.CEILING)
                    : exchange.mid().multiply(BigDecimal.ONE.subtract(spread)).setScale(4, RoundingMode.FLOOR);
            if (exchange.rate().compareTo(expectedRate) != 0) {
                report.violation(where + "the customer rate is not the mid rate " + (buy ? "plus " : "less ")
                        + exchange.spreadBasisPoints() + " bp rounded for the bank (" + expectedRate.toPlainString() + ")");
            }
            BigDecimal atMid = exchange.fxAmount().multiply(exchange.mid());
            if (buy ? exchange.krwAmount().compareTo(atMid) < 0 : exchange.krwAmount().compareTo(atMid) > 0) {
                report.violation(where + "the effective rate is on the customer's side of the mid rate");
            }
            int fxMinorUnit = Currency.getInstance(exchange.currency()).getDefaultFractionDigits();
            // What the customer pays is rounded up, what the customer gets down: KRW is paid on a BUY, FX on a SELL.
            boolean amountsFollow = "FX_AMOUNT".equals(exchange.named())
                    ? exchange.krwAmount().compareTo(exchange.fxAmount().multiply(exchange.rate())
                            .setScale(0, buy ? RoundingMode.CEILING : RoundingMode.FLOOR)) == 0
                    : exchange.fxAmount().compareTo(exchange.krwAmount().divide(exchange.rate(), fxMinorUnit,
                            buy ? RoundingMode.FLOOR : RoundingMode.CEILING)) == 0;
            if (!amountsFollow) {
                report.violation(where + "the " + ("FX_AMOUNT".equals(exchange.named()) ? "KRW" : exchange.currency())
                        + " amount does not follow from the " + ("FX_AMOUNT".equals(exchange.named()) ? exchange.currency() : "KRW")
                        + " amount the customer named at the quoted rate, rounded in the bank's favour");
            }
        }
        report.fact("prices checked: " + (exchanges.size() - unrecorded)
                + (unrecorded > 0 ? "; " + unrecorded + " quoted before quotes recorded their mid rate, not checkable" : ""));
    }

    private static void checkPlaces(List<ExchangeRow> exchanges, Map<Ledger, Map<String, Movement>> movements,
                                    AuditReport report) {
        for (ExchangeRow exchange : exchanges) {
            for (Ledger ledger : List.of(Ledger.KRW_ACCOUNT, Ledger.FX_ACCOUNT)) {
                String currency = ledger == Ledger.KRW_ACCOUNT ? "KRW" : exchange.currency();
                for (Place place : movements.get(ledger).getOrDefault(exchange.id(), NONE).places()) {
                    if (!place.owner().equals(exchange.owner()) || !place.currency().equals(currency)) {
                        report.violation("exchange " + exchange.id() + " of " + exchange.owner() + ": its "
                                + place.kind() + " on " + ledger.id() + " is booked in account " + place.accountId()
                                + " of " + place.owner() + " in " + place.currency() + ", not in " + exchange.owner()
                                + "'s " + currency + " account");
                    }
                }
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

    private static void checkBooks(Ledger ledger, Connection db, AuditReport report, Map<String, BigDecimal> positions)
            throws SQLException {
        Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
        int entries = 0;
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.id, e.kind, e.reference, e.amount, a.currency, l.bank_account, l.currency, l.amount
                     FROM ledger_entry e JOIN account a ON a.id = e.account_id
                     LEFT JOIN posting_leg l ON l.entry_id = e.id""")) {
            while (rs.next()) {
                entries++;
                String kind = rs.getString(2);
                String currency = rs.getString(5).trim();
                BigDecimal amount = rs.getBigDecimal(4);
                String expectedAccount = "TOP_UP".equals(kind) ? "FUNDING" : "POSITION";
                String what = ledger.id() + ": the " + kind + " of " + ("TOP_UP".equals(kind) ? "top-up " : "exchange ")
                        + rs.getString(3) + " (entry " + rs.getLong(1) + ", " + amount.toPlainString() + " " + currency + ")";
                byCurrency.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0] =
                        byCurrency.get(currency)[0].add(amount);
                String legAccount = rs.getString(6);
                if (legAccount == null) {
                    report.violation(what + " has no counter-leg on the bank's " + expectedAccount + " account: one side of a posting");
                    continue;
                }
                String legCurrency = rs.getString(7).trim();
                BigDecimal legAmount = rs.getBigDecimal(8);
                if (!legAccount.equals(expectedAccount) || !legCurrency.equals(currency)
                        || legAmount.compareTo(amount.negate()) != 0) {
                    report.violation(what + " has its counter-leg " + legAmount.toPlainString() + " " + legCurrency + " on "
                            + legAccount + ", not " + amount.negate().toPlainString() + " " + currency + " on " + expectedAccount);
                }
            }
        }
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT l.entry_id, l.bank_account, l.currency, l.amount, e.id
                     FROM posting_leg l LEFT JOIN ledger_entry e ON e.id = l.entry_id""")) {
            while (rs.next()) {
                String currency = rs.getString(3).trim();
                BigDecimal amount = rs.getBigDecimal(4);
                byCurrency.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[1] =
                        byCurrency.get(currency)[1].add(amount);
                if (rs.getObject(5) == null) {
                    report.violation(ledger.id() + ": a leg of " + amount.toPlainString() + " " + currency + " on "
                            + rs.getString(2) + " names entry " + rs.getLong(1) + ", which does not exist: one side of a posting");
                }
                if ("POSITION".equals(rs.getString(2))) {
                    positions.merge(currency, amount, BigDecimal::add);
                }
            }
        }
        byCurrency.forEach((currency, sums) -> {
            if (sums[0].add(sums[1]).signum() != 0) {
                report.violation(ledger.id() + " " + currency + ": debits and credits differ by "
                        + sums[0].add(sums[1]).toPlainString() + " (customers' entries " + sums[0].toPlainString()
                        + ", the bank's legs " + sums[1].toPlainString() + ")");
            }
        });
        report.fact(ledger.id() + ": " + entries + " entries checked against their counter-legs; the bank's legs per currency "
                + byCurrency.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[1].toPlainString())
                        .collect(Collectors.joining(", ")));
    }

    /** What the completed exchanges moved into the desk's positions: the KRW paid in, the foreign currency paid out. */
    private static void checkPositions(List<ExchangeRow> exchanges, Map<String, BigDecimal> positions, AuditReport report) {
        Map<String, BigDecimal> moved = new TreeMap<>();
        for (ExchangeRow exchange : exchanges) {
            if ("COMPLETED".equals(exchange.state())) {
                boolean buy = "BUY".equals(exchange.direction());
                moved.merge("KRW", buy ? exchange.krwAmount() : exchange.krwAmount().negate(), BigDecimal::add);
                moved.merge(exchange.currency(), buy ? exchange.fxAmount().negate() : exchange.fxAmount(), BigDecimal::add);
            }
        }
        Set<String> currencies = new TreeSet<>(moved.keySet());
        currencies.addAll(positions.keySet());
        for (String currency : currencies) {
            BigDecimal booked = positions.getOrDefault(currency, BigDecimal.ZERO);
            BigDecimal expected = moved.getOrDefault(currency, BigDecimal.ZERO);
            if (booked.compareTo(expected) != 0) {
                report.violation("the desk's " + currency + " position is " + booked.toPlainString()
                        + ", but the completed exchanges moved " + expected.toPlainString());
            }
            report.position(currency, booked);
        }
        report.fact("positions: " + currencies.stream().map(c -> c + " " + positions.getOrDefault(c, BigDecimal.ZERO).toPlainString())
                .collect(Collectors.joining(", ")));
    }

    /** The spread of §10, from each completed exchange's quote, written here again: the audit shares no code with it. */
    private static void checkSpread(List<ExchangeRow> exchanges, AuditReport report) {
        BigDecimal earned = BigDecimal.ZERO;
        for (ExchangeRow exchange : exchanges) {
            if ("COMPLETED".equals(exchange.state()) && exchange.mid() != null) {
                BigDecimal atMid = exchange.fxAmount().multiply(exchange.mid());
                BigDecimal spread = "BUY".equals(exchange.direction())
                        ? exchange.krwAmount().subtract(atMid) : atMid.subtract(exchange.krwAmount());
                if (spread.signum() < 0) {
                    report.violation("exchange " + exchange.id() + " earned a negative spread: " + spread.toPlainString() + " KRW");
                }
                earned = earned.add(spread);
            }
        }
        report.spreadEarned(earned);
        report.fact("spread earned: " + earned.stripTrailingZeros().toPlainString() + " KRW");
    }

    /**
     * Customer limits: each customer's usage of a business day (and year) is the USD equivalent of their exchanges
     * started that day that did not end FAILED or FAILED_REFUNDED — completed and in flight — and the day's completed
     * total (the large-exchange report's customer-day figure) that of those that completed. Recomputed here from the
     * exchanges and their quotes, compared with what the exchange service counted ({@code customer_usage}).
     */
    private static void checkUsage(Connection db, ZoneId zone, AuditReport report) throws SQLException {
        Map<String, BigDecimal> expected = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.owner, e.created_at, e.state, q.usd_equivalent
                     FROM exchange e JOIN quote q ON q.id = e.quote_id WHERE q.usd_equivalent IS NOT NULL""")) {
            while (rs.next()) {
                String state = rs.getString(3);
                if ("FAILED".equals(state) || "FAILED_REFUNDED".equals(state)) {
                    continue;
                }
                LocalDate day = rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate();
                BigDecimal usd = rs.getBigDecimal(4);
                expected.merge(rs.getString(1) + " DAY " + day, usd, BigDecimal::add);
                expected.merge(rs.getString(1) + " YEAR " + day.withDayOfYear(1), usd, BigDecimal::add);
                if ("COMPLETED".equals(state)) {
                    expected.merge(rs.getString(1) + " COMPLETED " + day, usd, BigDecimal::add);
                }
            }
        }
        Map<String, BigDecimal> counted = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT owner, period, period_start, used, completed FROM customer_usage")) {
            while (rs.next()) {
                counted.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getDate(3).toLocalDate(), rs.getBigDecimal(4));
                if ("DAY".equals(rs.getString(2))) {
                    counted.put(rs.getString(1) + " COMPLETED " + rs.getDate(3).toLocalDate(), rs.getBigDecimal(5));
                }
            }
        }
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(counted.keySet());
        int wrong = 0;
        for (String key : keys) {
            BigDecimal should = expected.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal is = counted.getOrDefault(key, BigDecimal.ZERO);
            if (should.compareTo(is) != 0) {
                wrong++;
                report.violation("customer usage " + key + ": counted " + is.toPlainString() + " USD, but the exchanges "
                        + "that count add up to " + should.toPlainString() + " USD");
            }
        }
        report.fact("customer usage: " + counted.size() + " counter(s) checked against the exchanges, " + wrong + " wrong");
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

    private static void checkKafka(String bootstrapServers, Map<String, Object> clientSettings, AuditReport report) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(settings)) {
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
