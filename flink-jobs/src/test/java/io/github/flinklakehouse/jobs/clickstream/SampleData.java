package io.github.flinklakehouse.jobs.clickstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the real e-commerce sample rows shipped in {@code ${shared.data.dir}}. */
final class SampleData {

    private SampleData() {
    }

    static Path ecommerceCsv() {
        return Path.of(System.getProperty("shared.data.dir", "../../shared/data"), "ecommerce", "2019-oct-nov-sample.csv");
    }

    /** Every line of the sample file, header first. */
    static List<String> ecommerceLines() throws IOException {
        return Files.readAllLines(ecommerceCsv(), StandardCharsets.UTF_8);
    }
}
