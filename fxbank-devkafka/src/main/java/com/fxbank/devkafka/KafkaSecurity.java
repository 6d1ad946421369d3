package com.fxbank.devkafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fxbank.messaging.Ledger;

/**
 * SASL/SCRAM-SHA-512 users of a secured development cluster: {@value #ADMIN} (the brokers among themselves and
 * operators' tools, a super user), and one user per FxBank service, whose rights {@link KafkaAcls} grants.
 * Passwords are random, made the first time and kept beside the cluster's data (the brokers store only their
 * SCRAM hashes, written when the storage is formatted), so a restarted cluster and its services agree.
 */
public final class KafkaSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN = "admin";
    public static final String EXCHANGE_SERVICE = "exchange-service";
    /** Every user, in the order they are printed. */
    public static final List<String> USERS = List.of(ADMIN, EXCHANGE_SERVICE, Ledger.KRW_ACCOUNT.id(), Ledger.FX_ACCOUNT.id());

    private final Map<String, String> passwords;

    private KafkaSecurity(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The users of the cluster kept in {@code dir}: read from its credentials file, or made and written there. */
    public static KafkaSecurity in(Path dir) {
        Path file = dir.resolve("scram-credentials.properties");
        Properties kept = new Properties();
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    kept.load(in);
                }
            }
            boolean added = false;
            for (String user : USERS) {
                if (kept.getProperty(user) == null) {
                    byte[] secret = new byte[18];
                    new SecureRandom().nextBytes(secret);
                    kept.setProperty(user, HexFormat.of().formatHex(secret));
                    added = true;
                }
            }
            if (added) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    kept.store(out, "SCRAM passwords of this development cluster (never a production secret)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the cluster's credentials in " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        USERS.forEach(user -> passwords.put(user, kept.getProperty(user)));
        return new KafkaSecurity(passwords);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return password;
    }

    /** The JAAS line a client (or the brokers, as {@value #ADMIN}) logs in with. */
    public String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    /** What a Kafka client adds to its settings to connect as {@code user}. */
    public Map<String, Object> clientSettings(String user) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaas(user));
    }

    /** The {@code kafka-storage format} arguments that store every user's SCRAM credential in the cluster's metadata. */
    List<String> formatArguments() {
        return USERS.stream().flatMap(user -> Stream.of("--add-scram",
                MECHANISM + "=[name=" + user + ",password=" + password(user) + "]")).toList();
    }
}
