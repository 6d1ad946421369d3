package com.fxbank.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.money.Money;
import org.instancio.junit.Given;
import org.instancio.junit.GivenProvider;
import org.instancio.junit.InstancioExtension;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The pricing rule of DESIGN §6 as properties, over random quotes: both directions, an amount named in either
 * currency, every currency the service is configured to trade (read from its {@code exchange-service.yml}) and
 * KWD (three decimals), mid rates from 0.01 to 100,000 KRW, spreads from 0 to 3 %. Half of the amounts are a few
 * minor units, where rounding matters most. A failure prints Instancio's seed; {@code @Seed} replays it.
 */
@ExtendWith(InstancioExtension.class)
class PricingPropertiesTest {

    /** The USD equivalent is not what these properties are about; any USD mid will do. */
    private static final MidRate USD_MID = new MidRate(Currency.getInstance("USD"), new BigDecimal("1380.00"), "test",
            Instant.parse("2026-11-26T00:00:00Z"));

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Currency KRW = Pricing.KRW;

    record Case(Direction direction, Money named, MidRate mid, int spreadBasisPoints) {
    }

    static final class Cases implements GivenProvider {
        private static final List<Currency> CURRENCIES = currencies();

        @Override
        public Object provide(ElementContext context) {
            var random = context.random();
            Currency fx = random.oneOf(CURRENCIES);
            Currency namedIn = random.trueOrFalse() ? fx : KRW;
            long units = random.trueOrFalse() ? random.longRange(1, 100) : random.longRange(1, 100_000_000_000L);
            Money named = new Money(BigDecimal.valueOf(units, Money.minorUnit(namedIn)), namedIn);
            BigDecimal mid = BigDecimal.valueOf(random.longRange(10_000, 100_000_000_000L), 6);
            return new Case(random.oneOf(Direction.values()), named, new MidRate(fx, mid, "test", NOW),
                    random.intRange(0, 300));
        }

        @SuppressWarnings("unchecked")
        private static List<Currency> currencies() {
            List<Currency> traded = new ArrayList<>();
            try (InputStream yml = PricingPropertiesTest.class.getResourceAsStream("/exchange-service.yml")) {
                Map<String, Object> root = new Yaml().load(yml);
                var exchange = (Map<String, Object>) ((Map<String, Object>) root.get("fxbank")).get("exchange");
                ((Map<String, Object>) exchange.get("currencies")).keySet().stream()
                        .filter(code -> !code.equals("KRW")).map(Currency::getInstance).forEach(traded::add);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the configured currencies", e);
            }
            assertThat(traded).as("configured currencies").isNotEmpty();
            traded.add(Currency.getInstance("KWD"));
            return List.copyOf(traded);
        }
    }

    @RepeatedTest(3000)
    void every_quote_is_on_the_banks_side_of_the_mid_rate_by_less_than_one_minor_unit(@Given(Cases.class) Case c) {
        Optional<Quote> priced = Pricing.quote("o", c.direction(), c.named(), c.mid(), USD_MID, c.spreadBasisPoints(), NOW,
                Duration.ofSeconds(30));
        BigDecimal rate = Pricing.customerRate(c.direction(), c.mid().krwPerUnit(), c.spreadBasisPoints());
        boolean buy = c.direction() == Direction.BUY;
        assertThat(rate).as("the customer's rate is on the bank's side of the mid")
                .satisfies(r -> assertThat(buy ? r.compareTo(c.mid().krwPerUnit()) >= 0 : r.compareTo(c.mid().krwPerUnit()) <= 0).isTrue());
        if (priced.isEmpty()) {
            // Only what the customer gets can round to nothing, and only when it is below one minor unit.
            assertThat(namedKrw(c) == buy).as("the computed side is what the customer gets").isTrue();
            assertThat(exactComputed(c, rate).compareTo(minorUnit(computedCurrency(c)))).isLessThan(0);
            return;
        }
        Quote quote = priced.get();
        assertThat(namedKrw(c) ? quote.krwAmount() : quote.fxAmount()).as("the named amount is kept").isEqualTo(c.named());

        BigDecimal krw = quote.krwAmount().amount();
        BigDecimal fxTimesMid = quote.fxAmount().amount().multiply(c.mid().krwPerUnit());
        BigDecimal fxTimesRate = quote.fxAmount().amount().multiply(rate);
        // The effective rate (KRW ÷ foreign amount) is on the bank's side of the mid rate and of the customer's rate.
        if (buy) {
            assertThat(krw).as("a BUY pays at least the mid rate").isGreaterThanOrEqualTo(fxTimesMid);
            assertThat(krw).isGreaterThanOrEqualTo(fxTimesRate);
        } else {
            assertThat(krw).as("a SELL gets at most the mid rate").isLessThanOrEqualTo(fxTimesMid);
            assertThat(krw).isLessThanOrEqualTo(fxTimesRate);
        }
        // And the rounding moved the computed amount by less than one minor unit.
        BigDecimal computed = namedKrw(c) ? quote.fxAmount().amount() : krw;
        BigDecimal exact = exactComputed(c, rate);
        assertThat(computed.subtract(exact).abs()).isLessThan(minorUnit(computedCurrency(c)));
    }

    @RepeatedTest(1000)
    void a_round_trip_never_gains_the_customer_anything(@Given(Cases.class) Case c) {
        Money fx = namedKrw(c) ? new Money(BigDecimal.valueOf(c.named().amount().unscaledValue().longValue() % 1_000_000 + 1,
                Money.minorUnit(c.mid().currency())), c.mid().currency()) : c.named();
        Optional<Quote> bought = Pricing.quote("o", Direction.BUY, fx, c.mid(), USD_MID, c.spreadBasisPoints(), NOW, Duration.ofSeconds(30));
        Optional<Quote> sold = Pricing.quote("o", Direction.SELL, fx, c.mid(), USD_MID, c.spreadBasisPoints(), NOW, Duration.ofSeconds(30));
        BigDecimal paid = bought.orElseThrow().krwAmount().amount();
        BigDecimal got = sold.map(q -> q.krwAmount().amount()).orElse(BigDecimal.ZERO);
        assertThat(got).as("KRW back from selling what was bought").isLessThanOrEqualTo(paid);
    }

    private static boolean namedKrw(Case c) {
        return c.named().currency().equals(KRW);
    }

    private static Currency computedCurrency(Case c) {
        return namedKrw(c) ? c.mid().currency() : KRW;
    }

    /** The computed amount before rounding (to 20 decimals: far below any minor unit). */
    private static BigDecimal exactComputed(Case c, BigDecimal rate) {
        return namedKrw(c)
                ? c.named().amount().divide(rate, 20, RoundingMode.DOWN)
                : c.named().amount().multiply(rate);
    }

    private static BigDecimal minorUnit(Currency currency) {
        return BigDecimal.ONE.movePointLeft(Money.minorUnit(currency));
    }
}
