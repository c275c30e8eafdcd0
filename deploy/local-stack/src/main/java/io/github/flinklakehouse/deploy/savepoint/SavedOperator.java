package io.github.flinklakehouse.deploy.savepoint;

import java.util.Locale;

/**
 * One operator recorded in a savepoint.
 *
 * @param operatorId Flink's operator id (hex), derived from the operator's uid
 * @param stateful whether it holds state (subtask or coordinator state); only those must find a new home
 * @param uid the uid it had, empty when the savepoint does not record it
 * @param name its readable name, empty when unknown
 */
public record SavedOperator(String operatorId, boolean stateful, String uid, String name) {

    /**
     * Whether this is a sink's committer. Its state holds files written but not yet committed to the table
     * (the Iceberg committer's pending manifests): dropping it loses those rows, so no redeploy may do it.
     */
    public boolean isCommitter() {
        return (uid + " " + name).toLowerCase(Locale.ROOT).contains("committer");
    }

    /** The uid, else the name, else the id: what a person recognises. */
    public String label() {
        String shown = !uid.isEmpty() ? "uid " + uid : !name.isEmpty() ? "'" + name + "'" : "operator";
        return shown + " (" + operatorId + ")";
    }
}
