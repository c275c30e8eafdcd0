package io.github.flinklakehouse.jobs.quality;

import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * A record failed a rule whose action is {@code fail}. Thrown wrapped in Flink's {@link SuppressRestartsException}, so
 * the job fails for good instead of restarting into the same record again and again (the restart strategy never
 * sees it); fix the data or the rule, then start the job again (from the last checkpoint or savepoint).
 */
public final class QualityRuleFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private QualityRuleFailure(String message) {
        super(message);
    }

    /** The exception that stops the job: {@code rule} failed on {@code sample}. */
    public static SuppressRestartsException of(QualityRule rule, Object value, String sample) {
        return new SuppressRestartsException(new QualityRuleFailure("Data-quality rule '" + rule.name()
                + "' (action fail) failed: " + rule.field() + " = " + QualityCheck.text(value) + " does not pass '"
                + rule.declaration() + "'. Sample record: " + sample));
    }
}
