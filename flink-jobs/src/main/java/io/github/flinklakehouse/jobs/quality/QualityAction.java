package io.github.flinklakehouse.jobs.quality;

/** What happens to a record that fails a data-quality rule. */
public enum QualityAction {
    /** Count the failure and pass the record on. */
    WARN,
    /** Count the failure and route the record to the rejected table ({@code QUALITY_RULE}, the rule in the message). */
    DROP,
    /** Stop the job, naming the rule and the record; never restarted by the restart strategy. */
    FAIL
}
