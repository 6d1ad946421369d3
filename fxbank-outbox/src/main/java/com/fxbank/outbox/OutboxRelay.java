package com.fxbank.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fxbank.messaging.StoredTrace;
import com.fxbank.outbox.OutboxRows.Claimed;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends unsent outbox rows to Kafka and marks each one sent once the broker acknowledged it ({@code acks=all}).
 *
 * <p><b>Claim, then send.</b> A row is written already claimed by the relay of the instance that writes it (a lease in
 * {@code claimed_by} / {@code claimed_until}, set by the business transaction's own INSERT) and handed to it after the
 * commit: it is sent with no transaction of the relay's before it, then marked. Rows nobody handed over — the writer
 * died after its commit, a send failed and is due again, another instance's relay died — are claimed by the poll in
 * a short transaction ({@code FOR UPDATE SKIP LOCKED}, then the lease) once their lease ran out. Either way no
 * database transaction waits for Kafka (during an outage one would stay open for up to two minutes, back to back,
 * holding back VACUUM), and several instances never send one row at the same time: a claim outlives the
 * longest send. A row claimed by an instance that died is sent by another when the lease runs out; a row sent but
 * not yet marked (a crash in between) is sent again, which is why every consumer is idempotent.
 *
 * <p><b>Rows are independent.</b> A row that fails is tried again after a pause that doubles up to
 * {@code retry-longest}, while every other row flows; nothing acknowledged is sent again. A row that has failed
 * {@code park-after} times while other rows reached Kafka (or with an error Kafka calls final, such as a record too
 * large or a topic the service may not write) is parked with its reason and an ERROR: an operator's matter, never
 * a block on the rest. When Kafka comes back after an outage, every waiting row is tried at once.
 *
 * <p><b>Supervised.</b> One thread per instance, handed the rows of each commit that wrote some and polling anyway;
 * anything it throws, an {@link Error} included, is logged and the thread goes on after a pause. Sent rows older
 * than {@code retention} are deleted in small batches.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);
    private static final Duration OTHERS_FLOW_WINDOW = Duration.ofMinutes(2);
    /**
     * How long one pass may spend handing rows to the producer. A send blocks while the producer waits for a topic's
     * metadata (up to max.block.ms, 5 s): rows of a topic that is gone must not hold the pass past its lease.
     */
    static final Duration SEND_BUDGET = Duration.ofSeconds(10);
    /** The producer's delivery.timeout.ms (the seed's 120 s): a send handed over has an outcome by then. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

    private final OutboxRows rows;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final Clock clock;
    private final OutboxProperties properties;
    private final ObservationRegistry observations;
    private final String instance = "relay-" + UUID.randomUUID();
    /** Rows written claimed by this relay, committed and not sent yet: what the next pass sends first. */
    private final Queue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean wakeUpRequested;
    private volatile boolean running;
    private volatile Thread thread;
    /** When this relay last had a row acknowledged: other rows flow, so a row failing now fails on its own. */
    private volatile Instant lastAcknowledged = Instant.MIN;
    /** The last relay pass had sends and none of them was acknowledged: Kafka is probably away. */
    private volatile boolean kafkaAway;
    private volatile Instant nextRetention = Instant.MIN;
    private volatile String lastCrash;
    /**
     * When the relay polls for rows nobody handed over, however many are handed over meanwhile (its own thread's); a
     * hand-over wakes it without a poll, a {@link #wakeUp} asks for one.
     */
    private long nextPoll = System.nanoTime();
    private volatile boolean pollRequested;

    OutboxRelay(OutboxRows rows, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
                Clock clock, OutboxProperties properties, ObservationRegistry observations) {
        this.rows = rows;
        this.transaction = transaction;
        this.kafka = kafka;
        this.clock = clock;
        this.properties = properties;
        this.observations = observations;
    }

    /** A row handed over after its commit, and when it was born claimed (System.nanoTime). */
    private record HandedOver(Claimed row, long bornAt) {
    }

    /**
     * The claim a row written now is born with, when this relay runs and will be handed the row after the commit:
     * claimed for one lease, as if the poll had claimed it. Empty when the relay is stopped: the row is then written
     * unclaimed and any relay's poll takes it.
     */
    Optional<OutboxRows.BirthClaim> birthClaim(Instant now) {
        return isRelaying() ? Optional.of(new OutboxRows.BirthClaim(instance, now.plus(properties.lease())))
                : Optional.empty();
    }

    /**
     * Called after the commit that wrote {@code rows} claimed at birth by this relay: sent now, with no claim. If this
     * never happens (the process died after the commit), they wait out their lease and a poll claims them.
     */
    void handOver(List<Claimed> rows, long bornAt) {
        if (!running) {
            return; // stopped since the rows were written: they wait out their claim, as after a crash
        }
        rows.forEach(row -> handedOver.add(new HandedOver(row, bornAt)));
        signal(false);
    }

    /** Called after a commit that wrote a row nobody claimed (or an operator released one): poll now, not at the next poll. */
    public void wakeUp() {
        signal(true);
    }

    private void signal(boolean poll) {
        lock.lock();
        try {
            if (poll) {
                pollRequested = true;
            }
            wakeUpRequested = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One pass: the rows handed over (a batch of them), and every poll interval the rows nobody handed over; returns how
     * many rows reached Kafka.
     */
    private int relayPass() {
        int sent = relayHandedOver();
        long now = System.nanoTime();
        if (pollRequested || now - nextPoll >= 0) {
            pollRequested = false;
            nextPoll = now + properties.pollInterval().toNanos();
            int claimed = relayBatch();
            if (claimed == properties.batchSize()) {
                pollRequested = true; // more may be waiting
            }
            sent += claimed;
        }
        return sent;
    }

    /**
     * Sends and marks up to a batch of the rows handed over. A row handed over longer than half a lease ago is left to
     * the poll, which claims it when its lease runs out: its claim may run out before this pass's sends have an outcome.
     */
    private int relayHandedOver() {
        long passStart = System.nanoTime();
        long oldestBorn = passStart;
        List<Claimed> rows = new ArrayList<>();
        for (HandedOver next; rows.size() < properties.batchSize() && (next = handedOver.poll()) != null; ) {
            if (passStart - next.bornAt() > properties.lease().dividedBy(2).toNanos()) {
                log.debug("outbox row {} handed over too long ago; the poll takes it when its claim runs out", next.row().id());
                continue;
            }
            rows.add(next.row());
            oldestBorn = Math.min(oldestBorn, next.bornAt());
        }
        if (rows.isEmpty()) {
            return 0;
        }
        return mark(await(send(rows, passStart), passStart, oldestBorn));
    }

    /** Claims, sends and marks one batch; returns how many rows reached Kafka. Public for tests and tools. */
    public int relayBatch() {
        long claimedAt = System.nanoTime();
        List<Claimed> rows = claim();
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Claimed, CompletableFuture<?>> sends = send(rows, claimedAt);
        return mark(await(sends, claimedAt, claimedAt));
    }

    /** Claims due rows in a short transaction of its own: this relay's alone until the claim runs out. */
    private List<Claimed> claim() {
        Instant now = clock.instant();
        List<Claimed> claimed = transaction.execute(status ->
                rows.claim(instance, now, now.plus(properties.lease()), properties.batchSize()));
        return claimed == null ? List.of() : claimed;
    }

    /**
     * Hands the rows to the producer, no transaction open, while the pass is within {@link #SEND_BUDGET}; the rows it
     * had no time for are given back at once. A send the producer refuses at once is a failed send.
     */
    private Map<Claimed, CompletableFuture<?>> send(List<Claimed> claimed, long passStart) {
        Map<Claimed, CompletableFuture<?>> sends = new LinkedHashMap<>();
        List<UUID> notTried = new ArrayList<>();
        for (Claimed row : claimed) {
            if (System.nanoTime() - passStart > SEND_BUDGET.toNanos()) {
                notTried.add(row.id());
                continue;
            }
            try {
                // The send continues the trace of the transaction that wrote the row: Kafka's producer span (and so the
                // traceparent the consumer reads) is a child of it, on whichever thread or instance, after any restart.
                sends.put(row, StoredTrace.resume(observations, row.traceContext(), "fxbank.outbox.relay", row.topic(),
                        () -> kafka.send(row.toRecord())));
            } catch (RuntimeException refusedAtOnce) {
                sends.put(row, CompletableFuture.failedFuture(refusedAtOnce));
            }
        }
        if (!notTried.isEmpty()) {
            rows.unclaim(instance, notTried);
        }
        return sends;
    }

    /** What became of the sends of one pass: acknowledged (with where Kafka put each), or failed with a cause. */
    private record Outcomes(Map<UUID, RecordMetadata> acknowledged, Map<Claimed, Throwable> failed) {
    }

    /**
     * Waits for every send's outcome. Every send was handed over within SEND_BUDGET and has an outcome within
     * delivery.timeout.ms after that. While sends are in flight the claim is renewed, so a live relay keeps its rows
     * however long Kafka takes, and the rows of a relay that died are free again one short lease later. The first
     * renewal is a third of a lease after the oldest claim was taken ({@code claimedAt}: at the claim, or at birth).
     */
    private Outcomes await(Map<Claimed, CompletableFuture<?>> sends, long passStart, long claimedAt) {
        long deadline = passStart + SEND_BUDGET.plus(DELIVERY_TIMEOUT).plusSeconds(5).toNanos();
        long renewEvery = properties.lease().dividedBy(3).toNanos();
        long nextRenewal = Math.max(claimedAt + renewEvery, passStart);
        Outcomes outcomes = new Outcomes(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Map.Entry<Claimed, CompletableFuture<?>> send : sends.entrySet()) {
            try {
                Object result;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        throw new TimeoutException();
                    }
                    try {
                        result = send.getValue().get(Math.min(deadline, nextRenewal) - now, TimeUnit.NANOSECONDS);
                        break;
                    } catch (TimeoutException slice) {
                        if (System.nanoTime() >= nextRenewal) {
                            renewClaims(sends);
                            nextRenewal = System.nanoTime() + renewEvery;
                        }
                    }
                }
                outcomes.acknowledged().put(send.getKey().id(),
                        result instanceof SendResult<?, ?> sent ? sent.getRecordMetadata() : null);
            } catch (ExecutionException e) {
                outcomes.failed().put(send.getKey(), e.getCause());
            } catch (TimeoutException stillInFlight) {
                // Not released: the producer may still deliver it; the claim runs out one lease from now.
                log.warn("outbox row {} is still in flight after delivery.timeout.ms; it stays claimed for {}",
                        send.getKey().id(), properties.lease());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return outcomes;
    }

    /** Marks the acknowledged rows sent and the failed ones for a retry or parked; returns how many were sent. */
    private int mark(Outcomes outcomes) {
        Instant now = clock.instant();
        if (!outcomes.acknowledged().isEmpty()) {
            rows.markSent(instance, outcomes.acknowledged(), now);
            lastAcknowledged = now;
            if (kafkaAway) {
                kafkaAway = false;
                // Kafka is back: what waited out the outage goes now, not at the end of its longest pause.
                int waiting = rows.makeWaitingDue(now);
                log.info("Kafka acknowledges again; {} waiting outbox row(s) are tried now", waiting);
            }
        } else if (!outcomes.failed().isEmpty() && outcomes.failed().values().stream().noneMatch(OutboxRelay::isKafkaFinal)) {
            // Only failures Kafka may get over (timeouts, no leader, not enough replicas) say Kafka is away; a pass
            // of rows it refuses for good (a denied topic) must not make every waiting row skip its pause.
            kafkaAway = true;
        }
        outcomes.failed().forEach((row, cause) -> failed(row, cause, now));
        return outcomes.acknowledged().size();
    }

    /** Extends the claim of every row whose send has no outcome yet. */
    private void renewClaims(Map<Claimed, CompletableFuture<?>> sends) {
        List<UUID> inFlight = sends.entrySet().stream().filter(send -> !send.getValue().isDone())
                .map(send -> send.getKey().id()).toList();
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            rows.renewClaims(instance, inFlight, clock.instant().plus(properties.lease()));
        } catch (RuntimeException e) {
            // The database is away: the claims may run out while the sends are in flight, and another relay may send
            // those rows again later, which the idempotent consumers absorb.
            log.warn("could not renew the claims of {} outbox row(s) in flight: {}", inFlight.size(), e.toString());
        }
    }

    private void failed(Claimed row, Throwable cause, Instant now) {
        int attempts = row.attempts() + 1;
        boolean finalError = isKafkaFinal(cause);
        // Rows of this relay reached Kafka lately: this one fails on its own. (During an outage the pauses of a row's
        // first park-after tries add up to more than these two minutes, so an outage alone parks nothing.)
        boolean othersFlow = lastAcknowledged.isAfter(now.minus(OTHERS_FLOW_WINDOW));
        boolean park = attempts >= properties.parkAfter() && (finalError || othersFlow);
        String reason = shortReason(cause);
        rows.markFailed(instance, row.id(), attempts, now.plus(properties.retryDelay(attempts)), reason,
                park ? Optional.of(now) : Optional.empty());
        if (park) {
            String seq = rows.seqOf(row.id()).map(String::valueOf).orElse("?");
            log.error("outbox row {} (id {}, topic {}, key {}) PARKED after {} failed sends: {}. Every other row goes on; "
                    + "fix the cause, then release it (POST /ops/v1/outbox/parked/{}/release)", seq, row.id(), row.topic(),
                    row.key(), attempts, reason, seq);
        } else {
            log.warn("outbox row {} (topic {}) not sent, try {} again in {} ms: {}", row.id(), row.topic(), attempts,
                    properties.retryDelay(attempts).toMillis(), reason);
        }
    }

    /** Errors Kafka will give again for the same record whatever happens: too large, not authorized, bad topic. */
    private static boolean isKafkaFinal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException
                    || t instanceof AuthorizationException
                    || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private static String shortReason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 255 ? text.substring(0, 255) : text;
    }

    /** Deletes sent rows older than the retention, a batch per statement; returns how many. */
    public int deleteSentBefore(Instant cutoff) {
        int deleted = 0;
        for (int i = 0; i < 100; i++) {
            int batch = rows.deleteSentBefore(cutoff, properties.retentionBatch());
            deleted += batch;
            if (batch < properties.retentionBatch()) {
                break;
            }
        }
        return deleted;
    }

    /** Rows not yet acknowledged by Kafka, parked ones included: zero at rest (the audit checks it). */
    public long pending() {
        return rows.unsent();
    }

    /** Rows the relay gave up on until an operator acts. */
    public long parked() {
        return rows.count(OutboxRowState.PARKED);
    }

    /** How long the oldest row still to be sent (not parked) has waited; zero when none waits. */
    public Duration oldestUnsentAge() {
        return rows.oldestWaiting().map(oldest -> Duration.between(oldest, clock.instant()))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }

    /** Whether the relay's thread is there to send (it restarts itself after any failure). */
    public boolean isRelaying() {
        Thread relay = thread;
        return running && relay != null && relay.isAlive();
    }

    /** The last failure that stopped a relay pass, or null. */
    public String lastCrash() {
        return lastCrash;
    }

    private void loop() {
        Duration backoff = properties.pollInterval();
        while (running) {
            try {
                int sent = relayPass();
                retention();
                if (pollRequested || !handedOver.isEmpty()) {
                    backoff = properties.pollInterval();
                    continue; // more may be waiting
                }
                awaitWork(kafkaAway ? backoff : properties.pollInterval());
                backoff = kafkaAway ? longer(backoff) : properties.pollInterval();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lastCrash = e.toString();
                log.warn("outbox relay pass failed, the rows stay unsent and are retried in {} ms: {}",
                        backoff.toMillis(), e.toString());
                awaitWork(backoff);
                backoff = longer(backoff);
            }
        }
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(properties.retryLongest()) > 0 ? properties.retryLongest() : doubled;
    }

    private void retention() {
        Instant now = clock.instant();
        if (now.isBefore(nextRetention)) {
            return;
        }
        nextRetention = now.plus(RETENTION_INTERVAL);
        int deleted = deleteSentBefore(now.minus(properties.retention()));
        if (deleted > 0) {
            log.info("deleted {} outbox row(s) sent before {}", deleted, now.minus(properties.retention()));
        }
    }

    /** The relay thread: whatever ends a pass, an Error included, is logged and the relay goes on. */
    private void supervise() {
        Duration pause = properties.pollInterval();
        while (running) {
            try {
                loop();
            } catch (Throwable t) { // NOPMD: a dead relay leaves refunds in the table until a restart
                lastCrash = t.toString();
                log.error("outbox relay stopped by {}; it starts again in {} ms", t, pause.toMillis(), t);
                awaitWork(pause);
                pause = longer(pause);
                releaseClaims();
            }
        }
    }

    /**
     * After a pass ended by an Error, its claims would keep its rows waiting for the whole lease. They are released:
     * a row whose send was in flight may then be sent twice, which the idempotent consumers absorb; a refund that
     * waits minutes is worse.
     */
    private void releaseClaims() {
        handedOver.clear(); // released below with the rest: the poll takes them, nothing sends them unclaimed
        try {
            rows.unclaimAll(instance);
        } catch (RuntimeException e) {
            log.warn("could not release the outbox claims of {} ({}); they run out with their lease", instance, e.toString());
        }
    }

    private void awaitWork(Duration timeout) {
        lock.lock();
        try {
            if (!wakeUpRequested && running) {
                work.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeUpRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::supervise);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        Thread relay = thread;
        if (relay != null) {
            try {
                relay.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after Kafka's own lifecycle beans, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
