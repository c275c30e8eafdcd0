package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.quality.FieldKind;
import io.github.flinklakehouse.jobs.quality.QualityFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the data-quality rules read a clickstream event: every field of the event contract by its name (ids are the
 * numbers the parser made of them, the event type its code); a dropped event becomes a dead letter like a late one
 * (the event re-encoded as dataset JSON, the original source position).
 */
public final class ClickEventQualityFields implements QualityFields<IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, FieldKind> KINDS = fieldKinds();

    @Override
    public Map<String, FieldKind> kinds() {
        return KINDS;
    }

    @Override
    public Object value(IngestedClickEvent ingested, String field) {
        ClickEvent event = ingested.event();
        return switch (field) {
            case DatasetFields.EVENT_TIME -> event.eventTime();
            case DatasetFields.EVENT_TYPE -> event.eventType().code();
            case DatasetFields.PRODUCT_ID -> event.productId();
            case DatasetFields.CATEGORY_ID -> event.categoryId();
            case DatasetFields.CATEGORY_CODE -> event.categoryCode();
            case DatasetFields.BRAND -> event.brand();
            case DatasetFields.PRICE -> event.price();
            case DatasetFields.USER_ID -> event.userId();
            case DatasetFields.USER_SESSION -> event.userSession();
            case DatasetFields.EVENT_ID -> event.eventId();
            case DatasetFields.DEVICE -> event.device();
            case DatasetFields.COUNTRY -> event.country();
            case DatasetFields.REGION -> event.region();
            case DatasetFields.SEARCH_QUERY -> event.searchQuery();
            case DatasetFields.QUANTITY -> event.quantity();
            case DatasetFields.REVENUE -> event.revenue();
            default -> throw new IllegalArgumentException("Unknown clickstream field " + field);
        };
    }

    @Override
    public long eventTime(IngestedClickEvent ingested) {
        return ingested.event().eventTime().toEpochMilli();
    }

    @Override
    public long receivedAt(IngestedClickEvent ingested) {
        return ingested.ingestedAt().toEpochMilli();
    }

    @Override
    public DeadLetter deadLetter(IngestedClickEvent ingested, String reason, String message) {
        return new DeadLetter(reason, message, JsonEventEncoder.encode(ingested.event()), ingested.source(),
                ingested.sourcePosition(), ingested.ingestedAt());
    }

    @Override
    public String sample(IngestedClickEvent ingested) {
        return JsonEventEncoder.encodeToString(ingested.event()) + " from " + ingested.source() + " "
                + ingested.sourcePosition();
    }

    private static Map<String, FieldKind> fieldKinds() {
        Map<String, FieldKind> kinds = new LinkedHashMap<>();
        for (String field : DatasetFields.CONTRACT_FIELDS) {
            kinds.put(field, FieldKind.TEXT);
        }
        kinds.put(DatasetFields.EVENT_TIME, FieldKind.TIME);
        for (String number : List.of(DatasetFields.PRODUCT_ID, DatasetFields.CATEGORY_ID, DatasetFields.PRICE,
                DatasetFields.USER_ID, DatasetFields.QUANTITY, DatasetFields.REVENUE)) {
            kinds.put(number, FieldKind.NUMBER);
        }
        return Collections.unmodifiableMap(kinds);
    }
}
