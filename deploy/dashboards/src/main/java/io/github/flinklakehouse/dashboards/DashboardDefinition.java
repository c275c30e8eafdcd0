package io.github.flinklakehouse.dashboards;

import java.util.List;
import java.util.Map;

/**
 * One dashboard as written in its {@code <name>.dashboard.json} file (format {@value #FORMAT}): its name, the pipeline
 * whose marts it reads, its filters and its questions. Read by {@link Dashboards#load}, which checks every rule.
 *
 * @param format the version of this file format; only {@value #FORMAT} is understood
 * @param name the dashboard's title, unique among the definitions (Metabase finds it by this name)
 * @param pipeline the pipeline whose marts the questions read ({@code clickstream}, {@code road-traffic}): names the
 *     system test that runs them on marts that pipeline filled
 * @param description one or two sentences shown under the title
 * @param filters the dashboard's filters; each question says which of its columns a filter narrows
 * @param questions the questions, each a native SQL file with its chart and place
 * @param filledBy optional: mart table (without schema) to what fills it, e.g. {@code "the clickstream job with
 *     warehouse.enabled=true"}; the built-in page says so on a chart whose mart does not exist yet
 */
public record DashboardDefinition(int format, String name, String pipeline, String description,
        List<FilterDefinition> filters, List<QuestionDefinition> questions, Map<String, String> filledBy) {

    /** The definition format this version reads and writes. */
    public static final int FORMAT = 1;

    /** Width of the layout grid (Metabase's dashboard grid, v0.50+). */
    public static final int GRID_COLUMNS = 24;

    public DashboardDefinition {
        filters = filters == null ? List.of() : List.copyOf(filters);
        questions = questions == null ? List.of() : List.copyOf(questions);
        filledBy = filledBy == null ? Map.of() : Map.copyOf(filledBy);
    }

    /** What fills mart {@code table}: its {@link #filledBy} entry, else the dashboard's pipeline. */
    public String whatFills(String table) {
        return filledBy.getOrDefault(table, "the " + pipeline + " pipeline");
    }

    /**
     * A dashboard filter.
     *
     * @param id the slug: lower case, digits and {@code _}; the Metabase template tag and parameter slug
     * @param name the label a user sees
     * @param type {@code text} or {@code number}
     */
    public record FilterDefinition(String id, String name, String type) {
        /** The filter types understood. */
        public static final List<String> TYPES = List.of("text", "number");
    }

    /**
     * One question: a native SQL file on the marts and how it is drawn.
     *
     * @param name the card's title, unique among all definitions (Metabase finds it by this name)
     * @param description what a row is, in a sentence
     * @param sql the SQL file, relative to the definitions' folder; one SELECT on schema {@code marts}, no template
     *     syntax (filters are applied around it)
     * @param columns the result's column labels, in order: the question's contract, checked on real marts
     * @param chart how the rows are drawn
     * @param filters dashboard filter id to the column of this question's result it narrows ({@code column = value})
     * @param position place and size on the dashboard's grid
     */
    public record QuestionDefinition(String name, String description, String sql, List<String> columns,
            ChartDefinition chart, Map<String, String> filters, Position position) {
        public QuestionDefinition {
            columns = columns == null ? List.of() : List.copyOf(columns);
            filters = filters == null ? Map.of() : Map.copyOf(filters);
        }
    }

    /**
     * How a question is drawn.
     *
     * @param type {@code line}, {@code area}, {@code bar}, {@code row}, {@code pie}, {@code scalar}, {@code table},
     *     {@code pin_map} or {@code heatmap}
     * @param x the column along the x axis (the slices of a pie)
     * @param series a column whose values split the y columns into one series each (optional); of a {@code heatmap},
     *     the column labelling each row of cells (one row of cells per result row)
     * @param y the measured columns (one for a pie or a scalar); of a {@code heatmap}, the cells of each row, coloured
     *     on one scale
     * @param latitude the latitude column of a {@code pin_map}
     * @param longitude the longitude column of a {@code pin_map}
     */
    public record ChartDefinition(String type, String x, String series, List<String> y, String latitude,
            String longitude) {
        /** The chart types understood. */
        public static final List<String> TYPES = List.of("line", "area", "bar", "row", "pie", "scalar", "table",
                "pin_map", "heatmap");

        public ChartDefinition {
            y = y == null ? List.of() : List.copyOf(y);
        }
    }

    /**
     * A rectangle on the dashboard grid ({@value DashboardDefinition#GRID_COLUMNS} columns wide, rows grow down).
     *
     * @param row top row, from 0
     * @param col left column, from 0
     * @param width columns wide, 1..24
     * @param height rows high, at least 1
     */
    public record Position(int row, int col, int width, int height) {
        boolean overlaps(Position other) {
            return col < other.col + other.width && other.col < col + width
                    && row < other.row + other.height && other.row < row + height;
        }
    }
}
