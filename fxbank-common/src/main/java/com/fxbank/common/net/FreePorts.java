package com.fxbank.common.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nothing listens on, for services a tool or a test starts on ports it chooses before starting them.
 *
 * <p>Taken from 20000–32767, <em>below</em> the operating system's ephemeral range (Linux 32768–60999, others from
 * 49152): a port the system hands out for "any port" ({@code new ServerSocket(0)}) can be handed out again, before the
 * service binds it, as the local port of an outgoing connection or of another "any port" listener (the embedded Kafka
 * broker's) — LoadBenchmarkTest once failed on exactly that. Ports outside that range are never given away so; a port
 * is also never handed out twice by this JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 2_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!HANDED_OUT.contains(port) && nothingListensOn(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean nothingListensOn(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
