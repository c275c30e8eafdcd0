package io.github.flinklakehouse.jobs.clickstream;

import java.util.List;

/** Field names and order of the e-commerce dataset, shared by the parser, the encoders and the writers. */
public final class DatasetFields {

    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_TYPE = "event_type";
    public static final String PRODUCT_ID = "product_id";
    public static final String CATEGORY_ID = "category_id";
    public static final String CATEGORY_CODE = "category_code";
    public static final String BRAND = "brand";
    public static final String PRICE = "price";
    public static final String USER_ID = "user_id";
    public static final String USER_SESSION = "user_session";
    public static final String EVENT_ID = "event_id";
    public static final String DEVICE = "device";
    public static final String COUNTRY = "country";
    public static final String REGION = "region";
    public static final String SEARCH_QUERY = "search_query";
    public static final String QUANTITY = "quantity";
    public static final String REVENUE = "revenue";

    /**
     * Every field of the event contract, in the parser's slot order: the dataset's nine columns, then the optional
     * contract fields. A declared event format ({@code clickstream.format.*}) maps a source's fields onto these.
     */
    public static final List<String> CONTRACT_FIELDS = List.of(
            EVENT_TIME, EVENT_TYPE, PRODUCT_ID, CATEGORY_ID, CATEGORY_CODE, BRAND, PRICE, USER_ID, USER_SESSION,
            EVENT_ID, DEVICE, COUNTRY, REGION, SEARCH_QUERY, QUANTITY, REVENUE);

    /** Optional string fields of the JSON event contract beyond the dataset columns, in table column order. */
    public static final List<String> OPTIONAL_CONTRACT_FIELDS = List.of(DEVICE, COUNTRY, REGION, SEARCH_QUERY);

    /** CSV column order of the dataset files. */
    public static final List<String> CSV_COLUMNS = List.of(
            EVENT_TIME, EVENT_TYPE, PRODUCT_ID, CATEGORY_ID, CATEGORY_CODE, BRAND, PRICE, USER_ID, USER_SESSION);

    /** The dataset's header line, without line terminator. */
    public static final String CSV_HEADER = String.join(",", CSV_COLUMNS);

    private DatasetFields() {
    }
}
