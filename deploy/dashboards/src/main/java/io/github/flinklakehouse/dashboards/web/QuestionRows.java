package io.github.flinklakehouse.dashboards.web;

import java.util.List;

/**
 * What one question answered on the page: its column labels and rows (at most the row limit; {@code truncated} when
 * there were more), or the error that stopped it, which the page shows on the question's chart, or, when a mart it
 * reads does not exist yet ({@code missingMart}, the table's name), a {@code notice} saying what fills that mart.
 */
public record QuestionRows(List<String> columns, List<List<Object>> rows, boolean truncated, String error,
        String notice, String missingMart) {

    public QuestionRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    QuestionRows(List<String> columns, List<List<Object>> rows, boolean truncated) {
        this(columns, rows, truncated, null, null, null);
    }

    static QuestionRows failed(String error) {
        return new QuestionRows(List.of(), List.of(), false, error, null, null);
    }

    /** No rows, because mart {@code table} does not exist yet. */
    static QuestionRows missing(String table) {
        String mart = table.equals("?") ? "a mart this question reads" : "mart marts." + table;
        return new QuestionRows(List.of(), List.of(), false, null, mart + " does not exist yet", table);
    }

    /** This answer with {@code notice} instead of its own. */
    QuestionRows withNotice(String notice) {
        return new QuestionRows(columns, rows, truncated, error, notice, missingMart);
    }
}
