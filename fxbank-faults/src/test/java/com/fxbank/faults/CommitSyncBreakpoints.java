package com.fxbank.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;

/**
 * A debugger (the JDK's own JDI, over JDWP) attached to running service processes, holding each consumer thread as it
 * enters {@code KafkaConsumer.commitSync}: at that line a batch's database transaction has committed and its offsets
 * have not. A kill -9 that must land in that window (scenario 3) cannot be timed from outside — a batch's offset
 * commit follows its database commit by a millisecond or two — so the scenario looks at the database and the broker
 * while a thread is held there and kills the process only when the window holds something. Nothing in the services
 * changes: only their JVMs are started with a JDWP agent on a loopback port ({@link ServiceProcess#debugPort()}).
 */
final class CommitSyncBreakpoints implements AutoCloseable {

    private static final String CONSUMER = "org.apache.kafka.clients.consumer.KafkaConsumer";

    private final List<VirtualMachine> machines = new ArrayList<>();
    private final BlockingQueue<EventSet> held = new LinkedBlockingQueue<>();

    private CommitSyncBreakpoints() {
    }

    /** Attaches to every given service (each started with a debug port) and sets the breakpoints. */
    static CommitSyncBreakpoints attach(List<ServiceProcess> services) {
        CommitSyncBreakpoints breakpoints = new CommitSyncBreakpoints();
        try {
            for (ServiceProcess service : services) {
                VirtualMachine machine = attach(service);
                breakpoints.machines.add(machine);
                breakpoints.holdAtCommitSync(service, machine);
                Thread.ofVirtual().name("jdi-events-" + service.name()).start(() -> breakpoints.collect(machine));
            }
            return breakpoints;
        } catch (RuntimeException e) {
            breakpoints.close();
            throw e;
        }
    }

    /**
     * Waits until a thread is held at {@code commitSync} while {@code window} (evaluated with that thread held) is
     * positive, and returns that value with the thread still held; threads held while it is not are let go on.
     */
    long awaitHeldWhile(LongSupplier window, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (true) {
                EventSet events = held.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (events == null) {
                    throw new AssertionError("no consumer thread entered commitSync with the window non-empty within " + atMost);
                }
                long inWindow = window.getAsLong();
                if (inWindow > 0) {
                    return inWindow;
                }
                resume(events);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static VirtualMachine attach(ServiceProcess service) {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(connector -> connector.name().equals("com.sun.jdi.SocketAttach")).findFirst()
                .orElseThrow(() -> new IllegalStateException("this JDK has no JDI socket connector"));
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(service.debugPort()));
        arguments.get("timeout").setValue("10000");
        try {
            return socket.attach(arguments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach a debugger to " + service.name(), e);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
    }

    private void holdAtCommitSync(ServiceProcess service, VirtualMachine machine) {
        List<ReferenceType> consumers = machine.classesByName(CONSUMER);
        if (consumers.isEmpty()) {
            throw new IllegalStateException(service.name() + " has not loaded " + CONSUMER + " (is it consuming?)");
        }
        for (ReferenceType consumer : consumers) {
            // Every overload: each delegates to the consumer's implementation, none calls another.
            for (Method commitSync : consumer.methodsByName("commitSync")) {
                BreakpointRequest request = machine.eventRequestManager().createBreakpointRequest(commitSync.location());
                request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                request.enable();
            }
        }
    }

    /** Queues each breakpoint hit (its thread stays held) until the machine goes away. */
    private void collect(VirtualMachine machine) {
        try {
            while (true) {
                EventSet events = machine.eventQueue().remove();
                if (events.stream().anyMatch(BreakpointEvent.class::isInstance)) {
                    held.add(events);
                } else {
                    resume(events);
                }
            }
        } catch (VMDisconnectedException | InterruptedException gone) {
            // killed, or the debugger detached
        }
    }

    private static void resume(EventSet events) {
        try {
            events.resume();
        } catch (VMDisconnectedException gone) {
            // the process was killed meanwhile
        }
    }

    /** Detaches: the breakpoints go and held threads run on (a killed process has nothing to detach from). */
    @Override
    public void close() {
        for (VirtualMachine machine : machines) {
            try {
                machine.dispose();
            } catch (VMDisconnectedException gone) {
                // killed
            }
        }
    }
}
