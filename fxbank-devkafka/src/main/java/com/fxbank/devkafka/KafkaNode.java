package com.fxbank.devkafka;

import java.nio.file.Path;

/**
 * One KRaft node of a development cluster: a broker, a controller, or both in one JVM.
 *
 * @param brokerPort     the PLAINTEXT port clients use, or 0 for a controller-only node
 * @param controllerPort the CONTROLLER port of the quorum, or 0 for a broker-only node
 * @param dataDir        where the node keeps its logs and its server.properties; survives restarts
 */
public record KafkaNode(int nodeId, Role role, int brokerPort, int controllerPort, Path dataDir) {

    public enum Role {
        BROKER("broker"), CONTROLLER("controller"), COMBINED("broker,controller");

        final String processRoles;

        Role(String processRoles) {
            this.processRoles = processRoles;
        }

        boolean isBroker() {
            return this != CONTROLLER;
        }

        boolean isController() {
            return this != BROKER;
        }
    }

    public boolean isBroker() {
        return role.isBroker();
    }

    public String bootstrapAddress() {
        if (!isBroker()) {
            throw new IllegalStateException("node " + nodeId + " is a controller, clients cannot connect to it");
        }
        return "127.0.0.1:" + brokerPort;
    }

    Path configFile() {
        return dataDir.resolve("server.properties");
    }

    Path logFile() {
        return dataDir.resolve("node.log");
    }
}
