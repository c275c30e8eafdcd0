package io.github.flinklakehouse.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickEventQualityFields;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.config.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule syntax: every check and action read from its declaration, and every mistake reported at once. */
class QualityRulesTest {

    private static final Map<String, FieldKind> FIELDS = new ClickEventQualityFields().kinds();

    @Test
    void readsEveryCheckActionAndCondition() {
        List<String> problems = new ArrayList<>();
        QualityRules rules = QualityRules.parse(List.of(
                "user_present = user_id not-null -> fail",
                " price_range = price range 0..100000 -> DROP ",
                "cheap = price range ..9.99 -> warn",
                "known_device = device in mobile|desktop | tablet -> warn",
                "session_is_uuid = user_session matches [0-9a-f-]{36} -> drop",
                "arrow_in_regex = brand matches a->b|[a-z ]+ when 1 -> warn",
                "recent = event_time fresh 7d..5min -> warn",
                "only_past = event_time fresh 1h -> drop",
                "one_per_id = event_id unique 1h -> drop",
                "product_known = product_id seen-before 30d when event_type = purchase|cart -> warn"),
                FIELDS, problems);

        assertThat(problems).isEmpty();
        assertThat(rules.rules()).extracting(QualityRule::name).containsExactly("user_present", "price_range",
                "cheap", "known_device", "session_is_uuid", "arrow_in_regex", "recent", "only_past", "one_per_id",
                "product_known");
        assertThat(rules.rules().get(0).check()).isEqualTo(new QualityCheck.NotNull());
        assertThat(rules.rules().get(0).action()).isEqualTo(QualityAction.FAIL);
        assertThat(rules.rules().get(1).check())
                .isEqualTo(new QualityCheck.Range(BigDecimal.ZERO, new BigDecimal("100000")));
        assertThat(rules.rules().get(1).action()).isEqualTo(QualityAction.DROP);
        assertThat(rules.rules().get(2).check()).isEqualTo(new QualityCheck.Range(null, new BigDecimal("9.99")));
        assertThat(rules.rules().get(3).check()).isEqualTo(new QualityCheck.AllowedValues(
                List.of("mobile", "desktop", "tablet")));
        assertThat(((QualityCheck.Matches) rules.rules().get(4).check()).pattern().pattern())
                .isEqualTo("[0-9a-f-]{36}");
        // "->" inside a regex: the action follows the last arrow; " when " is a condition only with a field = value.
        assertThat(((QualityCheck.Matches) rules.rules().get(5).check()).pattern().pattern())
                .isEqualTo("a->b|[a-z ]+ when 1");
        assertThat(rules.rules().get(5).when()).isNull();
        assertThat(rules.rules().get(6).check()).isEqualTo(new QualityCheck.Fresh(Duration.ofDays(7),
                Duration.ofMinutes(5)));
        assertThat(rules.rules().get(7).check()).isEqualTo(new QualityCheck.Fresh(Duration.ofHours(1), Duration.ZERO));
        assertThat(rules.rules().get(8).check()).isEqualTo(new QualityCheck.Unique(Duration.ofHours(1)));
        assertThat(rules.rules().get(9).check()).isEqualTo(new QualityCheck.SeenBefore(Duration.ofDays(30)));
        assertThat(rules.rules().get(9).when()).isEqualTo(new QualityRule.Condition("event_type",
                List.of("purchase", "cart")));
        assertThat(rules.rowRules()).hasSize(8);
        assertThat(rules.keyedRules()).extracting(QualityRule::name).containsExactly("one_per_id", "product_known");
    }

    @Test
    void everyMistakeIsReportedWithItsKeyAndRuleAtOnce() {
        Map<String, String> cli = Map.of("clickstream.quality.rules", String.join(";",
                "a = no_such_field not-null -> warn",
                "b = price range 10..1 -> drop",
                "c = device matches ([a-z -> drop",
                "d = price not-null -> explode",
                "e = price between 1 and 2 -> warn",
                "f = price range 1e999999999..2 -> warn",
                "g = device range 1..2 -> warn",
                "h = price fresh 1h -> warn",
                "i = event_time fresh soon -> warn",
                "j = event_id unique 0s -> drop",
                "k = product_id seen-before 1d when no_field = x -> warn",
                "'Bad Name = price not-null -> warn'",
                "b = price not-null -> warn",
                "no equals sign here",
                "l = price range abc.. -> warn",
                "m = device in -> warn",
                "n = price not-null extra -> warn",
                "o = price -> warn",
                "p = price range .. -> warn"));

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(cli, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.quality.rules: ")
                .hasMessageContaining("rule 'a': unknown field 'no_such_field' (known: event_time, event_type,")
                .hasMessageContaining("rule 'b': range min 10 is greater than max 1")
                .hasMessageContaining("rule 'c': matches has a bad regular expression '([a-z'")
                .hasMessageContaining("rule 'd': unknown action 'explode' (known: warn, drop, fail)")
                .hasMessageContaining("rule 'e': unknown check 'between'")
                .hasMessageContaining("rule 'f': range min '1e999999999' is out of range")
                .hasMessageContaining("rule 'g': 'range' cannot check device, a text field")
                .hasMessageContaining("rule 'h': 'fresh' cannot check price, a number field")
                .hasMessageContaining("rule 'i': fresh maximum age 'soon' is not a duration")
                .hasMessageContaining("rule 'j': unique window must be greater than 0 but was '0s'")
                .hasMessageContaining("rule 'k': unknown field 'no_field' after when")
                .hasMessageContaining("rule 'Bad Name': the name must be lower case letters")
                .hasMessageContaining("rule 'b' is declared twice")
                .hasMessageContaining("'no equals sign here' is not '<name> = <field> <check>")
                .hasMessageContaining("rule 'l': range min 'abc' is not a number")
                .hasMessageContaining("rule 'm': in needs the allowed values")
                .hasMessageContaining("rule 'n': not-null takes no argument but got 'extra'")
                .hasMessageContaining("rule 'o': needs a field and a check")
                .hasMessageContaining("rule 'p': range needs at least one bound");
    }

    @Test
    void aBackfillAddsAFailingNotNullCheckPerKeyField() {
        var config = LakehouseJobs.PIPELINES.loadConfig(Map.of("clickstream.quality.rules",
                "price_range = price range 0..100 -> drop", "clickstream.quality.backfill-keys", "user_id; device"),
                Optional.empty(), Map.of());
        QualityRules live = ClickstreamConfig.of(config).clickstream().quality();

        assertThat(live.rules()).extracting(QualityRule::name).containsExactly("price_range");
        QualityRules backfill = live.forBackfill();
        assertThat(backfill.rules()).extracting(QualityRule::name, QualityRule::field, QualityRule::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("price_range", "price", QualityAction.DROP),
                        org.assertj.core.groups.Tuple.tuple("key_user_id_not_null", "user_id", QualityAction.FAIL),
                        org.assertj.core.groups.Tuple.tuple("key_device_not_null", "device", QualityAction.FAIL));
        // The key checks guard the backfill but are not counted: the live job's data_quality_daily has no such rows.
        assertThat(backfill.gates()).containsExactlyInAnyOrder("key_user_id_not_null", "key_device_not_null");
        assertThat(live.gates()).isEmpty();
        assertThat(ClickstreamConfig.of(LakehouseJobs.PIPELINES.defaults()).clickstream().quality().backfillKeys())
                .containsExactly("event_time", "event_type", "product_id", "user_id", "user_session");

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("clickstream.quality.backfill-keys",
                "user_id;no_such_key"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.quality.backfill-keys: unknown field 'no_such_key' (known: ");
    }

    @Test
    void rulesComeFromTheConfigurationIntoTheClickstreamSettings() {
        var config = LakehouseJobs.PIPELINES.loadConfig(Map.of("clickstream.quality.rules",
                "price_range = price range 0..100 -> drop;one_per_id = event_id unique 1h -> warn"),
                Optional.empty(), Map.of());

        assertThat(ClickstreamConfig.of(config).clickstream().quality().rules()).extracting(QualityRule::name)
                .containsExactly("price_range", "one_per_id");
        assertThat(ClickstreamConfig.of(LakehouseJobs.PIPELINES.defaults()).clickstream().quality().isEmpty()).isTrue();
    }
}
