package io.github.flinklakehouse.jobs.clickstream;

import java.util.List;

/** The field slots of one record between reading (JSON or CSV) and validation: one text value or null per field. */
final class RawFields {

    static final int EVENT_TIME = 0;
    static final int EVENT_TYPE = 1;
    static final int PRODUCT_ID = 2;
    static final int CATEGORY_ID = 3;
    static final int CATEGORY_CODE = 4;
    static final int BRAND = 5;
    static final int PRICE = 6;
    static final int USER_ID = 7;
    static final int USER_SESSION = 8;
    static final int EVENT_ID = 9;
    static final int DEVICE = 10;
    static final int COUNTRY = 11;
    static final int REGION = 12;
    static final int SEARCH_QUERY = 13;
    static final int QUANTITY = 14;
    static final int REVENUE = 15;
    static final int COUNT = 16;

    /** Field names by slot; the first nine are the dataset's CSV columns in order. */
    static final List<String> NAMES = DatasetFields.CONTRACT_FIELDS;

    /** Slots whose text the event keeps as text (stored in the lake and, for some, in mart keys). */
    static final int[] TEXT = {CATEGORY_CODE, BRAND, USER_SESSION, EVENT_ID, DEVICE, COUNTRY, REGION, SEARCH_QUERY};

    /** Slots every event must have. */
    static final int[] REQUIRED = {EVENT_TIME, EVENT_TYPE, PRODUCT_ID, CATEGORY_ID, PRICE, USER_ID, USER_SESSION};

    private RawFields() {
    }

    /** The slot of a field name, or -1 for a field the contract does not know (it is ignored). */
    static int slotOf(String name) {
        return switch (name) {
            case DatasetFields.EVENT_TIME -> EVENT_TIME;
            case DatasetFields.EVENT_TYPE -> EVENT_TYPE;
            case DatasetFields.PRODUCT_ID -> PRODUCT_ID;
            case DatasetFields.CATEGORY_ID -> CATEGORY_ID;
            case DatasetFields.CATEGORY_CODE -> CATEGORY_CODE;
            case DatasetFields.BRAND -> BRAND;
            case DatasetFields.PRICE -> PRICE;
            case DatasetFields.USER_ID -> USER_ID;
            case DatasetFields.USER_SESSION -> USER_SESSION;
            case DatasetFields.EVENT_ID -> EVENT_ID;
            case DatasetFields.DEVICE -> DEVICE;
            case DatasetFields.COUNTRY -> COUNTRY;
            case DatasetFields.REGION -> REGION;
            case DatasetFields.SEARCH_QUERY -> SEARCH_QUERY;
            case DatasetFields.QUANTITY -> QUANTITY;
            case DatasetFields.REVENUE -> REVENUE;
            default -> -1;
        };
    }
}
