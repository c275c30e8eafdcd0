package io.github.flinklakehouse.jobs.clickstream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Converts a dataset CSV row to the JSON event contract the way a producer would, independently of the parser
 * and the project's encoder: ids and price as JSON numbers, the other fields as strings, empty fields as null.
 */
final class SampleRowsAsJson {

    private static final CsvMapper CSV = new CsvMapper();
    private static final JsonMapper JSON = new JsonMapper();

    private SampleRowsAsJson() {
    }

    static byte[] convert(String csvRow) throws IOException {
        String[] c;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(csvRow)) {
            c = rows.next();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("event_time", c[0]);
        node.put("event_type", c[1]);
        node.put("product_id", Long.parseLong(c[2]));
        node.put("category_id", Long.parseLong(c[3]));
        node.put("category_code", c[4].isEmpty() ? null : c[4]);
        node.put("brand", c[5].isEmpty() ? null : c[5]);
        node.put("price", new BigDecimal(c[6]));
        node.put("user_id", Long.parseLong(c[7]));
        node.put("user_session", c[8]);
        return JSON.writeValueAsBytes(node);
    }
}
