package io.github.flinklakehouse.jobs.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClickEventGeneratorTest {

    private static final Instant START = Instant.parse("2019-10-01T00:00:00Z");

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() {
        List<ClickEvent> first = ClickEventGenerator.stream(GeneratorConfig.of(7, START, 2_000)).toList();
        List<ClickEvent> second = ClickEventGenerator.stream(GeneratorConfig.of(7, START, 2_000)).toList();
        List<ClickEvent> other = ClickEventGenerator.stream(GeneratorConfig.of(8, START, 2_000)).toList();

        assertThat(first).hasSize(2_000).isEqualTo(second);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void hundredThousandEventsHaveTheDatasetShape() {
        GeneratorConfig config = new GeneratorConfig(42, START, 100_000, Duration.ofMillis(500), 20_000, 5_000);
        List<ClickEvent> events = ClickEventGenerator.stream(config).toList();

        Map<EventType, Long> byType = events.stream()
                .collect(Collectors.groupingBy(ClickEvent::eventType, () -> new EnumMap<>(EventType.class), Collectors.counting()));
        assertThat(share(byType.get(EventType.PURCHASE), events)).isBetween(0.015, 0.019);
        assertThat(share(byType.get(EventType.CART), events)).isBetween(0.018, 0.022);
        assertThat(share(byType.get(EventType.VIEW), events)).isBetween(0.955, 0.97);
        assertThat(share(events.stream().filter(e -> e.categoryCode() == null).count(), events)).isBetween(0.26, 0.34);
        assertThat(share(events.stream().filter(e -> e.brand() == null).count(), events)).isBetween(0.11, 0.19);

        assertThat(events).allSatisfy(e -> {
            assertThat(Long.toString(e.categoryId())).hasSize(19);
            assertThat(e.price().scale()).isEqualTo(2);
            assertThat(e.price().signum()).isNotNegative();
            assertThat(e.eventTime()).isEqualTo(e.eventTime().truncatedTo(ChronoUnit.SECONDS));
        });
        assertThat(events).anySatisfy(e -> assertThat(e.price()).isEqualByComparingTo(BigDecimal.ZERO));

        // Time starts at START and advances by about the mean gap.
        assertThat(events.get(0).eventTime()).isEqualTo(START);
        Duration span = Duration.between(START, events.get(events.size() - 1).eventTime());
        assertThat(span.toSeconds()).isBetween(48_000L, 52_000L);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).eventTime()).isAfterOrEqualTo(events.get(i - 1).eventTime());
        }

        // Several events per session, one user per session, Zipf-like product popularity.
        Map<String, Set<Long>> usersBySession = new HashMap<>();
        events.forEach(e -> usersBySession.computeIfAbsent(e.userSession(), s -> new HashSet<>()).add(e.userId()));
        assertThat(usersBySession.values()).allSatisfy(users -> assertThat(users).hasSize(1));
        assertThat((double) events.size() / usersBySession.size()).isBetween(4.0, 10.0);
        Map<Long, Long> perProduct = events.stream().collect(Collectors.groupingBy(ClickEvent::productId, Collectors.counting()));
        long top = perProduct.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(share(top, events)).isGreaterThan(0.02);
    }

    @Test
    void appLogEventsHaveTheirDocumentedSharesAndLeaveTheDatasetPartAsItWas() {
        GeneratorConfig dataset = new GeneratorConfig(42, START, 100_000, Duration.ofMillis(500), 20_000, 5_000);
        List<ClickEvent> plain = ClickEventGenerator.stream(dataset).toList();
        List<ClickEvent> appLog = ClickEventGenerator.stream(dataset.withAppLog()).toList();
        assertThat(ClickEventGenerator.stream(dataset.withAppLog()).toList()).isEqualTo(appLog);

        Map<EventType, Long> byType = appLog.stream()
                .collect(Collectors.groupingBy(ClickEvent::eventType, () -> new EnumMap<>(EventType.class), Collectors.counting()));
        double views = 1 - 0.017 - 0.020;
        assertThat(share(byType.get(EventType.SEARCH), appLog)).isBetween(views * 0.055, views * 0.065);
        assertThat(share(byType.get(EventType.FAVORITE), appLog)).isBetween(views * 0.027, views * 0.033);
        for (int i = 0; i < plain.size(); i++) {
            ClickEvent before = plain.get(i);
            ClickEvent after = appLog.get(i);
            assertThat(after.eventTime()).isEqualTo(before.eventTime());
            assertThat(after.userSession()).isEqualTo(before.userSession());
            assertThat(after.productId()).isEqualTo(before.productId());
            if (before.eventType() != EventType.VIEW) {
                assertThat(after.eventType()).isEqualTo(before.eventType());
            }
            assertThat(after.searchQuery() != null).isEqualTo(after.eventType() == EventType.SEARCH
                    && after.searchQuery() != null);
        }
        List<ClickEvent> searches = appLog.stream().filter(e -> e.eventType() == EventType.SEARCH).toList();
        assertThat(share((long) searches.stream().filter(e -> e.searchQuery() == null).count(), searches))
                .isBetween(0.03, 0.07);
        assertThat(searches).anySatisfy(e -> assertThat(e.searchQuery()).startsWith("  "));
        assertThat(searches).anySatisfy(e -> assertThat(e.searchQuery()).isUpperCase());
        assertThat(appLog).extracting(ClickEvent::device).contains("mobile", "desktop", "tablet", null);
        assertThat(appLog.stream().filter(e -> e.region() != null).map(ClickEvent::country).distinct())
                .containsExactly("KR");
        assertThat(plain).allSatisfy(e -> assertThat(e.device()).isNull());
    }

    @Test
    void sessionsInterleave() {
        List<ClickEvent> events = ClickEventGenerator.stream(GeneratorConfig.of(3, START, 200)).toList();
        int switches = 0;
        for (int i = 1; i < events.size(); i++) {
            switches += events.get(i).userSession().equals(events.get(i - 1).userSession()) ? 0 : 1;
        }
        // With 8 open sessions picked at random, consecutive events mostly belong to different sessions.
        assertThat(switches).isGreaterThan(150);
    }

    private static double share(Long count, List<?> all) {
        return count == null ? 0 : (double) count / all.size();
    }
}
