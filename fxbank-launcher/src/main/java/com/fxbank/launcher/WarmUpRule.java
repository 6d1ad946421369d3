package com.fxbank.launcher;

import java.time.Duration;
import java.util.List;

/**
 * When a bank under load is warm enough to measure: the last three 10 s windows' exchanges/s within 4 % of one another
 * and the JIT compiler below 0.1 cores in the last one, and never before 30 s (or the longest warm-up, if shorter).
 * Four Spring contexts and a broker in one JVM are still being compiled for well over 15 s: measured before that, the
 * figures are the JIT's.
 */
record WarmUpRule(Duration window, Duration shortest, int windows, double spread, double compilerCores) {

    static final WarmUpRule DEFAULT = new WarmUpRule(Duration.ofSeconds(10), Duration.ofSeconds(30), 3, 0.04, 0.10);

    /**
     * @param rates         exchanges/s of each whole window so far, oldest first
     * @param compilerBusy  cores the JIT compiler used in the last window
     * @param elapsed       since the warm-up began
     */
    boolean steady(List<Double> rates, double compilerBusy, Duration elapsed) {
        if (elapsed.compareTo(shortest) < 0 || rates.size() < windows || !(compilerBusy <= compilerCores)) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - windows, rates.size());
        double low = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return low > 0 && (high - low) / low <= spread;
    }

    String describe() {
        return "the last " + windows + " " + window.toSeconds() + " s windows within " + Math.round(spread * 100)
                + " % of one another and the JIT compiler at " + compilerCores + " cores or less, " + shortest.toSeconds()
                + " s at the least";
    }
}
