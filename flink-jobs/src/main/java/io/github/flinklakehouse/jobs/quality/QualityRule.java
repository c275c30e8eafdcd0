package io.github.flinklakehouse.jobs.quality;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One declared data-quality rule: a check on a field, the records it applies to, and what a failure does.
 *
 * @param name the rule's name (lower case, digits, {@code _}): in metrics, {@code data_quality_daily} and messages
 * @param field the field checked
 * @param check what is checked
 * @param when the records the rule applies to (the others are not checked), or {@code null} for every record
 * @param action what a failure does
 * @param declaration the rule as declared, for messages
 */
public record QualityRule(String name, String field, QualityCheck check, Condition when, QualityAction action,
        String declaration) implements Serializable {

    private static final long serialVersionUID = 1L;

    public QualityRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(declaration, "declaration");
    }

    /** Whether the rule applies to {@code record}. */
    public <T> boolean appliesTo(T record, QualityFields<T> fields) {
        return when == null || when.values().contains(QualityCheck.text(fields.value(record, when.field())));
    }

    /**
     * The records a rule applies to: those whose {@code field} has one of {@code values} (as text).
     *
     * @param field the field compared
     * @param values the values that select a record
     */
    public record Condition(String field, List<String> values) implements Serializable {
        public Condition {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
        }
    }
}
