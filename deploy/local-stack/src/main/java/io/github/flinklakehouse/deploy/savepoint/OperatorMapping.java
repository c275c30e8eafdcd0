package io.github.flinklakehouse.deploy.savepoint;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which stateful operators of a savepoint have no operator in a new job, decided before anything is stopped.
 *
 * @param unmapped stateful operators of the savepoint that the new job lacks (their state would be dropped)
 */
public record OperatorMapping(List<SavedOperator> unmapped) {

    /** The savepoint's stateful operators whose id is not in the new job, as Flink matches them on restore. */
    public static OperatorMapping of(ProbeReport report) {
        return new OperatorMapping(report.saved().stream()
                .filter(SavedOperator::stateful)
                .filter(operator -> !report.newOperatorIds().contains(operator.operatorId()))
                .toList());
    }

    public boolean complete() {
        return unmapped.isEmpty();
    }

    /** Unmapped committers: never droppable, whatever the caller allows. */
    public List<SavedOperator> unmappedCommitters() {
        return unmapped.stream().filter(SavedOperator::isCommitter).toList();
    }

    /**
     * Returns normally when the new job may start from the savepoint: every stateful operator is mapped, or the
     * caller allows dropping the unmapped ones and none of them is a committer.
     *
     * @throws IncompatibleSavepointException saying which operators and what to do
     */
    public void requireRestorable(boolean allowNonRestoredState) {
        if (!unmappedCommitters().isEmpty()) {
            throw new IncompatibleSavepointException("The new job has no operator for the state of "
                    + labels(unmappedCommitters()) + ". A committer's state holds files written but not yet committed "
                    + "to the table; dropping it would lose those rows, so this redeploy is refused even with "
                    + "--allow-non-restored-state. Keep the sink's uid unchanged in the new version.");
        }
        if (!unmapped.isEmpty() && !allowNonRestoredState) {
            throw new IncompatibleSavepointException("The new job has no operator for the state of " + labels(unmapped)
                    + ". Give the changed operators their old uids, or pass --allow-non-restored-state to drop this "
                    + "state on purpose (and bump the uid's version suffix, vN). If the new version bumped these uids "
                    + "itself (its state format changed, e.g. the mart engine's .v2 operators), follow \"Upgrading "
                    + "across a state change\" in README.md: redeploy with --allow-non-restored-state, then rebuild "
                    + "the mart periods that were open with a lake backfill.");
        }
    }

    private static String labels(List<SavedOperator> operators) {
        return operators.stream().map(SavedOperator::label).collect(Collectors.joining(", "));
    }
}
