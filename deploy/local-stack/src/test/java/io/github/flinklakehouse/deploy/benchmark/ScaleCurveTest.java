package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale curve's table, JSON and PNG chart from given points (the runs themselves are the command's). */
class ScaleCurveTest {

    @Test
    void writesTheTableTheJsonAndAChartOfBothAxes(@TempDir Path dir) throws Exception {
        List<ScaleCurve.Point> points = List.of(
                new ScaleCurve.Point("size", 1, 1_000_000, 10_000, 5_000, 17_000, 16_000, 40L << 20, true),
                new ScaleCurve.Point("size", 2, 2_000_000, 10_000, 5_000, 16_500, 15_800, 42L << 20, true),
                new ScaleCurve.Point("keys", 10, 1_000_000, 100_000, 50_000, 12_000, 11_000, 300L << 20, false));

        String table = ScaleCurve.render(points);
        Path json = dir.resolve("out/scale.json");
        Path chart = dir.resolve("out/scale.png");
        ScaleCurve.write(points, json, chart);

        assertThat(table).contains("Scale curve", "size      1x", "keys     10x", "100,000", "300.0", "exactly once",
                "LOST OR DOUBLED");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("points")).hasSize(3);
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(1000);
    }
}
