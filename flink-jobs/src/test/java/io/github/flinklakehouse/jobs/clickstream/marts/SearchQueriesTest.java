package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchQueriesTest {

    @Test
    void trimsCollapsesWhitespaceAndLowerCases() {
        assertThat(SearchQueries.normalize("  Two   Bedroom\tAPARTMENT \r\n")).isEqualTo("two bedroom apartment");
        assertThat(SearchQueries.normalize("studio")).isEqualTo("studio");
        assertThat(SearchQueries.normalize("Ärger Straße")).isEqualTo("ärger straße");
    }

    @Test
    void absentOrBlankIsTheEmptyQuery() {
        assertThat(SearchQueries.normalize(null)).isEmpty();
        assertThat(SearchQueries.normalize("")).isEmpty();
        assertThat(SearchQueries.normalize(" \t\n ")).isEmpty();
    }

    @Test
    void onlyAsciiWhitespaceSeparatesWords() {
        // A no-break space is part of the word, as in the SQL definition.
        assertThat(SearchQueries.normalize("a\u00A0b  c")).isEqualTo("a\u00A0b c");
    }

    @Test
    void ordersByCodePointLikeCollateC() {
        assertThat(SearchQueries.compareCodePoints("apartment", "apartments")).isNegative();
        assertThat(SearchQueries.compareCodePoints("b", "a")).isPositive();
        assertThat(SearchQueries.compareCodePoints("", "")).isZero();
        // U+FF21 (fullwidth A) is below U+1F600 by code point, above it in UTF-16 units.
        assertThat(SearchQueries.compareCodePoints("\uFF21", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF21".compareTo("\uD83D\uDE00")).isPositive();
    }
}
