package io.github.flinklakehouse.deploy.savepoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the savepoint probe found: the operators of a savepoint and the operator ids of the job a jar submits.
 *
 * @param saved every operator recorded in the savepoint
 * @param newOperatorIds every operator id (generated and user-defined) of the new job graph
 */
public record ProbeReport(List<SavedOperator> saved, Set<String> newOperatorIds) {
    private static final String PREFIX = "PROBE\t";

    public ProbeReport {
        saved = List.copyOf(saved);
        newOperatorIds = Set.copyOf(newOperatorIds);
    }

    /** Parses the probe's output; other lines (logs of the job's {@code main}) are ignored. */
    public static ProbeReport parse(String output) {
        List<SavedOperator> saved = new ArrayList<>();
        Set<String> newIds = new HashSet<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if ("SAVED".equals(fields[1]) && fields.length >= 6) {
                saved.add(new SavedOperator(fields[2], Boolean.parseBoolean(fields[3]), fields[4], fields[5]));
            } else if ("NEW".equals(fields[1]) && fields.length >= 3) {
                newIds.add(fields[2]);
            } else {
                throw new IllegalArgumentException("Unreadable probe line: " + line);
            }
        }
        if (newIds.isEmpty()) {
            throw new IllegalArgumentException("The probe listed no operator of the new job; its output was:\n" + output);
        }
        return new ProbeReport(saved, newIds);
    }
}
