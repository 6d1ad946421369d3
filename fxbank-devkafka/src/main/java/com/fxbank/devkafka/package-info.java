/**
 * Apache Kafka from its Maven Central jars in KRaft mode, for development and tests only: in-process, or 1..N
 * brokers as OS processes, secured with SASL/SCRAM and ACLs when asked.
 */
package com.fxbank.devkafka;
