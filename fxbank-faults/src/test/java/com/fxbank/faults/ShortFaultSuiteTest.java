package com.fxbank.faults;

import com.fxbank.faults.FaultReport.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short fault suite, in the default test command so that CI guards it: scenarios 2, 3 and 6 of issue 6
 * on a bank of one instance of each service (each its own JVM) and a broker in the test JVM. The full
 * suite ({@link FullFaultSuiteTest}, {@code ./fxbank faults}) runs all eleven on the 3-broker cluster with two
 * instances of each service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShortFaultSuiteTest {

    static FaultBank bank;

    @BeforeAll
    static void startTheBank() {
        bank = FaultBank.withEmbeddedBroker("short_faults", 1);
    }

    @AfterAll
    static void stopTheBank() {
        if (bank != null) {
            bank.close();
        }
    }

    @Test
    @Order(2)
    void exchange_service_killed_mid_saga_loses_nothing() {
        ExchangeServiceKilledMidSagaLosesNothing.run(bank,
                new Scenario("2 (short). kill -9 of the exchange service under load", "short2"), 1);
    }

    @Test
    @Order(3)
    void refund_committed_but_not_acknowledged_is_applied_once() {
        RefundCommittedButNotAcknowledgedIsAppliedOnce.run(bank,
                new Scenario("3 (short). kill -9 of krw-account between a refund's commit and its offset commit", "short3"));
    }

    @Test
    @Order(6)
    void duplicates_reordered_and_poison_change_nothing() {
        DuplicatesReorderedAndPoisonChangeNothing.run(bank,
                new Scenario("6 (short). duplicates, reordered copies and poison injected into every consumed topic", "short6"));
    }
}
