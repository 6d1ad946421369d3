package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Many requests at once on one account, over HTTP: exact sums, no overdraft, no lost update. */
class ConcurrentWithdrawalsTest extends KrwLedgerIntegrationTest {

    @Test
    void concurrent_withdrawals_never_overdraw_and_never_lose_an_update() throws Exception {
        String owner = newOwner();
        String account = openFundedAccount(owner, 10_000);
        int requests = 200;
        long each = 70; // 200 × 70 = 14,000 asked of 10,000: exactly 142 fit

        List<Callable<Map<String, Object>>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> withdraw(newExchangeId(), owner, each).getBody());
        }
        List<Map<String, Object>> answers = runAll(calls, 32);

        long applied = answers.stream().filter(a -> "APPLIED".equals(a.get("state"))).count();
        long refused = answers.stream().filter(a -> "INSUFFICIENT_FUNDS".equals(a.get("reason"))).count();
        assertThat(applied).isEqualTo(142);
        assertThat(refused).isEqualTo(58);
        assertThat(balance(account)).isEqualByComparingTo("60");
        assertBalanceIsSumOfEntries(account);
    }

    @Test
    void one_withdrawal_sent_by_many_threads_at_once_is_applied_once() throws Exception {
        String owner = newOwner();
        String account = openFundedAccount(owner, 1_000);
        String exchangeId = newExchangeId();

        List<Callable<Map<String, Object>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> withdraw(exchangeId, owner, 400).getBody());
        }
        List<Map<String, Object>> answers = runAll(calls, 20);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).containsEntry("state", "APPLIED"));
        assertThat(balance(account)).isEqualByComparingTo("600");
        assertThat(entries(exchangeId, "WITHDRAWAL")).isOne();
    }

    private static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
