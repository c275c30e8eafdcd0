package io.github.flinklakehouse.deploy.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * How the live job's cost grows with the work: the streaming benchmark at 1×, 2× and 4× the base number of events,
 * and at 10× and 100× the distinct users and products (state grows with distinct keys), each on a throwaway stack of
 * its own. Prints a table, and writes it as JSON and as a PNG chart (events/s and checkpointed state against the
 * factor) drawn with JFreeChart.
 */
public final class ScaleCurve {

    /** One point of the curve. */
    public record Point(String axis, int factor, long events, int users, int products, double countedPerSecond,
            double committedPerSecond, long stateBytes, boolean exactlyOnce) {
    }

    /** Where the curve goes and how big its base is. */
    public record Settings(long baseEvents, List<Integer> sizeFactors, List<Integer> keyFactors,
            StreamingBenchmark.Settings template, Path json, Path chart) {
    }

    private final StreamingBenchmark benchmark;

    public ScaleCurve(Path repoHome) {
        this.benchmark = new StreamingBenchmark(repoHome);
    }

    /** Runs every point, one after the other; returns them in order. */
    public List<Point> run(Settings settings, PrintWriter out) throws Exception {
        List<Point> points = new ArrayList<>();
        for (int factor : settings.sizeFactors()) {
            points.add(point("size", factor, settings.baseEvents() * factor, StreamingBenchmark.USERS,
                    StreamingBenchmark.PRODUCTS, settings.template(), out));
        }
        for (int factor : settings.keyFactors()) {
            points.add(point("keys", factor, settings.baseEvents(), StreamingBenchmark.USERS * factor,
                    StreamingBenchmark.PRODUCTS * factor, settings.template(), out));
        }
        out.print(render(points));
        write(points, settings.json(), settings.chart());
        ThrowawayStack.print(out, "Wrote %s and %s", settings.json(), settings.chart());
        return points;
    }

    private Point point(String axis, int factor, long events, int users, int products,
            StreamingBenchmark.Settings template, PrintWriter out) throws Exception {
        ThrowawayStack.print(out, "%n== %s x%d: %,d events, %,d users, %,d products ==", axis, factor, events, users,
                products);
        StreamingReport report = benchmark.run(new StreamingBenchmark.Settings(events, template.partitions(),
                template.seed(), template.parallelism(), template.checkpointInterval(), template.taskManagerMemory(),
                template.workDir(), template.keep(), template.timeout(), users, products), out);
        return new Point(axis, factor, events, users, products, report.countedPerSecond(),
                report.committedPerSecond(), report.checkpoints().latestStateBytes(), report.complete());
    }

    /** The curve as a table. */
    static String render(List<Point> points) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nScale curve%n%-5s %6s %12s %10s %10s"
                + " %14s %14s %12s %s%n", "axis", "factor", "events", "users", "products", "counted ev/s",
                "committed ev/s", "state MiB", "check"));
        for (Point p : points) {
            text.append(String.format(Locale.ROOT, "%-5s %5dx %,12d %,10d %,10d %,14.0f %,14.0f %,12.1f %s%n",
                    p.axis(), p.factor(), p.events(), p.users(), p.products(), p.countedPerSecond(),
                    p.committedPerSecond(), p.stateBytes() / (1024.0 * 1024.0),
                    p.exactlyOnce() ? "exactly once" : "LOST OR DOUBLED"));
        }
        return text.toString();
    }

    /** Writes the points as JSON and the chart as PNG. */
    static void write(List<Point> points, Path json, Path chart) throws IOException {
        for (Path file : List.of(json, chart)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                Map.of("mode", "scale", "points", points));
        XYSeriesCollection rates = new XYSeriesCollection();
        XYSeriesCollection states = new XYSeriesCollection();
        // The base point (size 1x: base events, base keys) is the keys axis' 1x too, so both lines start there.
        List<Point> base = points.stream().filter(p -> p.axis().equals("size") && p.factor() == 1).toList();
        for (String axis : List.of("size", "keys")) {
            XYSeries rate = new XYSeries("events/s counted, " + axis + " x");
            XYSeries state = new XYSeries("state MiB, " + axis + " x");
            List<Point> line = new ArrayList<>(axis.equals("keys") ? base : List.of());
            points.stream().filter(p -> p.axis().equals(axis)).forEach(line::add);
            line.forEach(p -> {
                rate.addOrUpdate(p.factor(), p.countedPerSecond());
                state.addOrUpdate(p.factor(), p.stateBytes() / (1024.0 * 1024.0));
            });
            rates.addSeries(rate);
            states.addSeries(state);
        }
        JFreeChart rateChart = ChartFactory.createXYLineChart("Live job: events/s against the factor", "factor",
                "events/s", rates, PlotOrientation.VERTICAL, true, false, false);
        JFreeChart stateChart = ChartFactory.createXYLineChart("Live job: checkpointed state against the factor",
                "factor", "MiB", states, PlotOrientation.VERTICAL, true, false, false);
        for (JFreeChart drawn : List.of(rateChart, stateChart)) {
            // Factors 1, 2, 4 and 10, 100 on one axis: a logarithmic one keeps the small ones apart.
            LogarithmicAxis factors = new LogarithmicAxis("factor (log scale)");
            factors.setStrictValuesFlag(false);
            drawn.getXYPlot().setDomainAxis(factors);
            drawn.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        }
        BufferedImage image = new BufferedImage(900, 1000, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            rateChart.draw(graphics, new Rectangle2D.Double(0, 0, 900, 500));
            stateChart.draw(graphics, new Rectangle2D.Double(0, 500, 900, 500));
        } finally {
            graphics.dispose();
        }
        ImageIO.write(image, "png", chart.toFile());
    }
}
