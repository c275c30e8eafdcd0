package io.github.flinklakehouse.dashboards.web;

import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.DashboardDefinition.FilterDefinition;
import io.github.flinklakehouse.dashboards.Question;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard filters a page request sets ({@code ?<filter id>=<value>}), as {@link MartsReader#read(Question, Map)}
 * takes them for one question: the column each filter narrows in that question to its value, a {@code text} filter's
 * value as text, a {@code number} filter's as a number. Filters the question does not use, and empty values, are left
 * out (as Metabase drops an empty filter's clause); parameters that are no filter of the dashboard are ignored.
 */
final class PageFilters {

    private PageFilters() {
    }

    /**
     * @param rawQuery the request's query string, still URL-encoded; null when there is none
     * @throws IllegalArgumentException naming the filter when a {@code number} filter's value is not a number
     */
    static Map<String, Object> of(Dashboard dashboard, Question question, String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)).strip());
                }
            }
        }
        Map<String, Object> filters = new HashMap<>();
        for (FilterDefinition filter : dashboard.definition().filters()) {
            String column = question.definition().filters().get(filter.id());
            String value = parameters.get(filter.id());
            if (column == null || value == null || value.isEmpty()) {
                continue;
            }
            if ("number".equals(filter.type())) {
                try {
                    filters.put(column, new BigDecimal(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("filter " + filter.id() + " (" + filter.name()
                            + ") must be a number, was '" + value + "'");
                }
            } else {
                filters.put(column, value);
            }
        }
        return filters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
