package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented rules for KMA's text values (the table in {@link ForecastValues}). */
class ForecastValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "강수없음|0.0", "적설없음|0.0", "1.0mm 미만|0.5", "1mm 미만|0.5", "0.5cm 미만|0.25", "30.0~50.0mm|40.0",
        "1.0~29.0mm|15.0", "50.0mm 이상|50.0", "5.0cm 이상|5.0", "6.2mm|6.2", "23.1|23.1", "-8.1|-8.1", "0|0.0",
        "900|NULL", "-999|NULL", "+900|NULL", "비|NULL", "1.0.0|NULL", "99999999999999999999|NULL", "NaN|NULL",
        "Infinity|NULL"})
    void textValuesHaveTheirDocumentedNumbers(String text, Double expected) {
        assertThat(ForecastValues.numeric(text)).isEqualTo(expected);
    }
}
