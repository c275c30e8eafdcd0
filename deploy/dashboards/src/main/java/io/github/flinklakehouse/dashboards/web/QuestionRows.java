package io.github.flinklakehouse.dashboards.web;

import java.util.List;

/**
 * What one question answered on the page: its column labels and rows (at most the row limit; {@code truncated} when
 * there were more), or the error that stopped it, which the page shows on the question's chart.
 */
public record QuestionRows(List<String> columns, List<List<Object>> rows, boolean truncated, String error) {

    public QuestionRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    static QuestionRows failed(String error) {
        return new QuestionRows(List.of(), List.of(), false, error);
    }
}
