package com.fxbank.devkafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a secured cluster: the exchange service alone writes the ledgers' cancel requests
 * and reads their replies; each ledger alone reads its own requests and writes its own replies. Each may create
 * the topics it declares and write (and read back, for replays) the dead letters of the topics it consumes, and
 * use its own consumer groups. Nothing else is allowed to anyone but {@link KafkaSecurity#ADMIN}.
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    static List<AclBinding> bindings() {
        List<AclBinding> acls = new ArrayList<>();
        String exchange = KafkaSecurity.EXCHANGE_SERVICE;
        for (Ledger ledger : Ledger.values()) {
            String requests = ledger.withdrawalCancelRequestTopic();
            String replies = ledger.withdrawalCancelResponseTopic();
            String service = ledger.id();
            topic(acls, exchange, requests, AclOperation.WRITE, AclOperation.CREATE);
            topic(acls, exchange, replies, AclOperation.READ, AclOperation.CREATE);
            topic(acls, exchange, replies + Topics.DEAD_LETTER_SUFFIX, AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE);
            topic(acls, service, requests, AclOperation.READ, AclOperation.CREATE);
            topic(acls, service, requests + Topics.DEAD_LETTER_SUFFIX, AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE);
            topic(acls, service, replies, AclOperation.WRITE, AclOperation.CREATE);
            groups(acls, service);
        }
        topic(acls, exchange, Topics.ALERTS, AclOperation.WRITE, AclOperation.CREATE);
        groups(acls, exchange);
        return acls;
    }

    /** Grants {@link #bindings()} as {@link KafkaSecurity#ADMIN}; granting again changes nothing. */
    public static void grant(String bootstrapServers, KafkaSecurity security) {
        Map<String, Object> settings = new HashMap<>(security.clientSettings(KafkaSecurity.ADMIN));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(settings)) {
            admin.createAcls(bindings()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot grant the development cluster's ACLs", e);
        }
    }

    private static void topic(List<AclBinding> acls, String user, String topic, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /** The service's consumer groups: its own name and anything it prefixes with it. */
    private static void groups(List<AclBinding> acls, String user) {
        acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, user, PatternType.PREFIXED),
                new AccessControlEntry("User:" + user, "*", AclOperation.READ, AclPermissionType.ALLOW)));
    }
}
