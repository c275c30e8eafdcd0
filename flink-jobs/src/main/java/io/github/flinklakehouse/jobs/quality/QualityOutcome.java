package io.github.flinklakehouse.jobs.quality;

/**
 * That one rule checked one record, and whether it passed: what {@code data_quality_daily} counts.
 *
 * @param eventTime the record's event time, epoch millis (the day it counts under)
 * @param rule the rule's name
 * @param passed whether the record passed
 */
public record QualityOutcome(long eventTime, String rule, boolean passed) {
}
