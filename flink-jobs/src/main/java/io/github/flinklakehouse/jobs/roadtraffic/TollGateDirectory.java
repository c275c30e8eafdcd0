package io.github.flinklakehouse.jobs.roadtraffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The toll-gate dimension, read once on the client from a CSV the user provides and shipped with the job graph (a
 * few hundred gates at most).
 *
 * <p>Format (UTF-8, header required, {@code #} lines ignored, no commas inside fields):
 * <pre>
 * unit_code,unit_name,region,latitude,longitude,nx,ny
 * 101,서울,Seoul,37.4598,127.0423,61,124
 * </pre>
 * Codes are trimmed as the API's are; a code given twice, a missing field, a coordinate that is no number or a grid
 * cell outside the KMA grid fails the load with the line named.
 */
public final class TollGateDirectory implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The header every dimension file starts with. */
    public static final String HEADER = "unit_code,unit_name,region,latitude,longitude,nx,ny";

    /** The example dimension bundled with the jar (documented in the README), used when no file is configured. */
    public static final String EXAMPLE_RESOURCE = "/roadtraffic/tollgates-example.csv";

    private final Map<String, TollGate> gates;

    private TollGateDirectory(Map<String, TollGate> gates) {
        this.gates = gates;
    }

    /** The gates of {@code file}, or of the bundled example when {@code file} is null. */
    public static TollGateDirectory load(Path file) {
        try {
            if (file == null) {
                try (InputStream in = TollGateDirectory.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
                    return parse(EXAMPLE_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the toll-gate dimension " + file, e);
        }
    }

    /** Parses the CSV {@code text} of {@code origin}. */
    public static TollGateDirectory parse(String origin, String text) {
        List<String> lines = text.lines().toList();
        Map<String, TollGate> gates = new LinkedHashMap<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                require(line.equals(HEADER), origin, i, "the header must be " + HEADER);
                header = true;
                continue;
            }
            TollGate gate = gate(origin, i, line.split(",", -1));
            require(gates.putIfAbsent(gate.unitCode(), gate) == null, origin, i,
                    "toll gate " + gate.unitCode() + " is listed twice");
        }
        require(header, origin, lines.size(), "no header " + HEADER);
        return new TollGateDirectory(gates);
    }

    private static TollGate gate(String origin, int line, String[] fields) {
        require(fields.length == 7, origin, line, "expected 7 fields, found " + fields.length);
        for (int f = 0; f < 3; f++) {
            require(!fields[f].isBlank(), origin, line, "field " + HEADER.split(",")[f] + " is empty");
        }
        try {
            int nx = Integer.parseInt(fields[5].strip());
            int ny = Integer.parseInt(fields[6].strip());
            require(nx >= 1 && nx <= 149 && ny >= 1 && ny <= 253, origin, line,
                    "nx/ny " + nx + "/" + ny + " is outside the KMA grid");
            return new TollGate(fields[0].strip(), fields[1].strip(), fields[2].strip(),
                    Double.parseDouble(fields[3].strip()), Double.parseDouble(fields[4].strip()), nx, ny);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + " line " + (line + 1) + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String origin, int line, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "Toll-gate dimension " + origin + " line " + (line + 1) + ": " + problem);
        }
    }

    /** The gate with {@code unitCode}, if the dimension has it. */
    public Optional<TollGate> gate(String unitCode) {
        return Optional.ofNullable(gates.get(unitCode));
    }

    /** Every gate, in file order. */
    public Collection<TollGate> gates() {
        return List.copyOf(gates.values());
    }

    /** The distinct KMA grid cells of the gates, in file order: the weather the job polls. */
    public List<GridCell> gridCells() {
        Set<GridCell> cells = new LinkedHashSet<>();
        gates.values().forEach(gate -> cells.add(new GridCell(gate.nx(), gate.ny())));
        return new ArrayList<>(cells);
    }

    /** The regions of the gates in grid cell {@code nx}/{@code ny}, each once, in file order (empty if none). */
    public List<String> regionsOf(int nx, int ny) {
        Set<String> regions = new LinkedHashSet<>();
        gates.values().stream().filter(gate -> gate.nx() == nx && gate.ny() == ny)
                .forEach(gate -> regions.add(gate.region()));
        return new ArrayList<>(regions);
    }

    /**
     * One KMA grid cell.
     *
     * @param nx grid column
     * @param ny grid row
     */
    public record GridCell(int nx, int ny) implements Serializable {
    }
}
