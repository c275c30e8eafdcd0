package io.github.flinklakehouse.jobs.quality;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventQualityFields;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Click events and rules for the quality tests. */
final class QualityEvents {

    static final Instant T0 = Instant.parse("2025-01-10T00:00:00Z");
    static final ClickEventQualityFields FIELDS = new ClickEventQualityFields();

    private QualityEvents() {
    }

    /** An event {@code seconds} after T0, received one second later, at offset {@code offset}. */
    static IngestedClickEvent event(long seconds, EventType type, long productId, String price, String device,
            Integer quantity, long offset) {
        ClickEvent event = new ClickEvent(T0.plusSeconds(seconds), type, productId, 2053013552326770905L, null, null,
                new BigDecimal(price), 7, "0c6ab4c0-2d6f-4b0e-9f0b-6c1e2f1b7a10", "e-" + offset, device, null, null,
                null, quantity, null);
        return new IngestedClickEvent(event, "kafka", "t/0/" + offset, T0.plusSeconds(seconds + 1));
    }

    static QualityRules rules(String... declarations) {
        List<String> problems = new ArrayList<>();
        QualityRules rules = QualityRules.parse(List.of(declarations), FIELDS.kinds(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return rules;
    }

    static Map<String, FieldKind> kinds() {
        return FIELDS.kinds();
    }
}
