package com.fxbank.exchange.adapter.in.scheduler;

import com.fxbank.common.stereotype.SchedulerAdapter;
import com.fxbank.exchange.application.port.in.RecoverExchangesUseCase;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Wakes recovery up (DESIGN B3, B4): after a crash, a restart or an unknown outcome, every exchange that
 * is due is driven on, by whichever instance claims it first.
 */
@SchedulerAdapter
class RecoveryScheduler {

    private final RecoverExchangesUseCase recovery;

    RecoveryScheduler(RecoverExchangesUseCase recovery) {
        this.recovery = recovery;
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.retry.recovery-interval:1s}", initialDelayString = "2s")
    void driveDueExchanges() {
        recovery.driveDueExchanges();
    }
}
