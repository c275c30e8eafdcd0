package io.github.flinklakehouse.jobs.quality;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.util.TimeUtils;

/**
 * The data-quality rules of a pipeline, read from one compact declaration per rule:
 *
 * <pre>
 *   &lt;name&gt; = &lt;field&gt; &lt;check&gt; [&lt;argument&gt;]
 *            [when &lt;field&gt; = &lt;value&gt;[|&lt;value&gt;...]] -&gt; warn|drop|fail
 *
 *   price_range      = price range 0..100000 -&gt; drop
 *   user_present     = user_id not-null -&gt; fail
 *   known_device     = device in mobile|desktop|tablet -&gt; warn
 *   session_is_uuid  = user_session matches [0-9a-f-]{36} -&gt; drop
 *   recent           = event_time fresh 7d..5m -&gt; warn
 *   one_per_id       = event_id unique 1h -&gt; drop
 *   product_known    = product_id seen-before 30d when event_type = purchase -&gt; warn
 * </pre>
 *
 * {@link #parse} reports every mistake of every rule at once (unknown field, check, action, bad regex, min &gt; max,
 * a check that does not fit the field's kind, a repeated name), each naming its rule.
 *
 * @param rules the rules in declaration order
 * @param backfillKeys the key fields a backfill checks with {@code not-null -> fail} besides the rules
 *     ({@link #forBackfill}): a backfill of a range with a missing key fails instead of writing it
 * @param gates names of rules that only guard a run and are not counted in {@code data_quality_daily}: the backfill's
 *     key checks, which the live job does not run, so that a backfill's table equals the live job's for the range
 */
public record QualityRules(List<QualityRule> rules, List<String> backfillKeys, Set<String> gates)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** What follows {@code when} in a condition (else {@code when} is part of the argument, e.g. of a regex). */
    private static final Pattern CONDITION = Pattern.compile("\\s*[a-z_]+\\s*=");
    private static final List<String> CHECKS = List.of("not-null", "range", "in", "matches", "fresh", "unique",
            "seen-before");

    public QualityRules {
        rules = List.copyOf(rules);
        backfillKeys = List.copyOf(backfillKeys);
        gates = Set.copyOf(gates);
    }

    /** Rules that are all counted. */
    public QualityRules(List<QualityRule> rules, List<String> backfillKeys) {
        this(rules, backfillKeys, Set.of());
    }

    /** Rules without backfill key checks. */
    public QualityRules(List<QualityRule> rules) {
        this(rules, List.of());
    }

    /** No rules: the quality stage is left out of the job. */
    public static QualityRules none() {
        return new QualityRules(List.of());
    }

    /** A copy for a backfill: the rules plus {@code key_<field>_not_null = <field> not-null -> fail} per key. */
    public QualityRules forBackfill() {
        List<QualityRule> all = new ArrayList<>(rules);
        Set<String> keyGates = new HashSet<>(gates);
        for (String key : backfillKeys) {
            String name = "key_" + key + "_not_null";
            all.add(new QualityRule(name, key, new QualityCheck.NotNull(), null, QualityAction.FAIL,
                    name + " = " + key + " not-null -> fail"));
            keyGates.add(name);
        }
        return new QualityRules(all, List.of(), keyGates);
    }

    /** Checks that every backfill key is a known field; the problems name the unknown ones. */
    public static List<String> backfillKeyProblems(List<String> keys, Map<String, FieldKind> fields) {
        return keys.stream().filter(key -> !fields.containsKey(key))
                .map(key -> "unknown field '" + key + "' (known: " + String.join(", ", fields.keySet()) + ")")
                .toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules a record can be judged by alone, in declaration order. */
    public List<QualityRule> rowRules() {
        return rules.stream().filter(rule -> !rule.check().keyed()).toList();
    }

    /** The rules that compare a record with earlier records of its value (one keyed operator each). */
    public List<QualityRule> keyedRules() {
        return rules.stream().filter(rule -> rule.check().keyed()).toList();
    }

    /**
     * Parses {@code declarations}; every mistake goes to {@code problems} (the rules with mistakes are left out).
     *
     * @param fields the fields a rule may name, with their kinds
     */
    public static QualityRules parse(List<String> declarations, Map<String, FieldKind> fields, List<String> problems) {
        List<QualityRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String declaration : declarations) {
            List<String> mistakes = new ArrayList<>();
            QualityRule rule = parseOne(declaration.trim(), fields, mistakes);
            int equals = declaration.indexOf('=');
            String name = equals < 0 ? null : declaration.substring(0, equals).trim();
            if (name != null && !names.add(name)) {
                mistakes.add("rule '" + name + "' is declared twice");
            }
            if (mistakes.isEmpty() && rule != null) {
                rules.add(rule);
            }
            problems.addAll(mistakes);
        }
        return new QualityRules(rules);
    }

    private static QualityRule parseOne(String declaration, Map<String, FieldKind> fields, List<String> problems) {
        int equals = declaration.indexOf('=');
        int arrow = declaration.lastIndexOf("->");
        if (equals < 0 || arrow < equals) {
            problems.add("'" + declaration + "' is not '<name> = <field> <check> [<argument>] "
                    + "[when <field> = <values>] -> <action>'");
            return null;
        }
        String name = declaration.substring(0, equals).trim();
        String prefix = "rule '" + name + "': ";
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add(prefix + "the name must be lower case letters, digits and _, starting with a letter");
        }
        QualityAction action = action(declaration.substring(arrow + 2).trim(), prefix, problems);
        String body = declaration.substring(equals + 1, arrow).trim();
        QualityRule.Condition when = null;
        int whenAt = body.lastIndexOf(" when ");
        if (whenAt >= 0 && CONDITION.matcher(body.substring(whenAt + " when ".length())).lookingAt()) {
            when = condition(body.substring(whenAt + " when ".length()).trim(), fields, prefix, problems);
            body = body.substring(0, whenAt).trim();
        }
        String[] parts = body.split("\\s+", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            problems.add(prefix + "needs a field and a check, e.g. 'price range 0..1000'");
            return null;
        }
        String field = parts[0];
        FieldKind kind = fields.get(field);
        if (kind == null) {
            problems.add(prefix + "unknown field '" + field + "' (known: " + String.join(", ", fields.keySet()) + ")");
        }
        String argument = parts.length > 2 ? parts[2].trim() : "";
        QualityCheck check = check(parts[1], argument, prefix, problems);
        if (check != null && kind != null && !check.kinds().contains(kind)) {
            problems.add(prefix + "'" + parts[1] + "' cannot check " + field + ", a "
                    + kind.name().toLowerCase(Locale.ROOT) + " field");
        }
        if (problems.size() > before) {
            return null;
        }
        return new QualityRule(name, field, check, when, action, declaration);
    }

    private static QualityAction action(String text, String prefix, List<String> problems) {
        try {
            return QualityAction.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(prefix + "unknown action '" + text + "' (known: warn, drop, fail)");
            return null;
        }
    }

    private static QualityRule.Condition condition(String text, Map<String, FieldKind> fields, String prefix,
            List<String> problems) {
        int equals = text.indexOf('=');
        String field = text.substring(0, equals).trim();
        if (!fields.containsKey(field)) {
            problems.add(prefix + "unknown field '" + field + "' after when (known: "
                    + String.join(", ", fields.keySet()) + ")");
        }
        return new QualityRule.Condition(field, values(text.substring(equals + 1)));
    }

    private static QualityCheck check(String check, String argument, String prefix, List<String> problems) {
        String named = prefix + check + " ";
        switch (check) {
            case "not-null":
                if (!argument.isEmpty()) {
                    problems.add(named + "takes no argument but got '" + argument + "'");
                }
                return new QualityCheck.NotNull();
            case "range":
                return range(argument, named, problems);
            case "in":
                if (argument.isEmpty()) {
                    problems.add(named + "needs the allowed values, e.g. 'in view|cart|purchase'");
                    return null;
                }
                return new QualityCheck.AllowedValues(values(argument));
            case "matches":
                try {
                    if (argument.isEmpty()) {
                        problems.add(named + "needs a regular expression");
                        return null;
                    }
                    return new QualityCheck.Matches(Pattern.compile(argument));
                } catch (PatternSyntaxException e) {
                    problems.add(named + "has a bad regular expression '" + argument + "': "
                            + e.getDescription() + " near index " + e.getIndex());
                    return null;
                }
            case "fresh":
                return fresh(argument, named, problems);
            case "unique":
                Duration window = duration(argument, named + "window", problems);
                return window == null ? null : new QualityCheck.Unique(window);
            case "seen-before":
                Duration horizon = duration(argument, named + "window", problems);
                return horizon == null ? null : new QualityCheck.SeenBefore(horizon);
            default:
                problems.add(prefix + "unknown check '" + check + "' (known: " + String.join(", ", CHECKS) + ")");
                return null;
        }
    }

    private static QualityCheck range(String argument, String named, List<String> problems) {
        int dots = argument.indexOf("..");
        if (dots < 0) {
            problems.add(named + "needs '<min>..<max>' (either may be left out) but got '" + argument + "'");
            return null;
        }
        BigDecimal min = number(argument.substring(0, dots).trim(), named + "min", problems);
        BigDecimal max = number(argument.substring(dots + 2).trim(), named + "max", problems);
        if (min != null && max != null && min.compareTo(max) > 0) {
            problems.add(named + "min " + min.toPlainString() + " is greater than max " + max.toPlainString());
            return null;
        }
        if (min == null && max == null) {
            if (argument.replace("..", "").isBlank()) {
                problems.add(named + "needs at least one bound, e.g. '0..' or '..100'");
            }
            return null;
        }
        return new QualityCheck.Range(min, max);
    }

    private static BigDecimal number(String text, String what, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (Math.abs((long) number.scale()) > 1000 || number.precision() > 1000) {
                problems.add(what + " '" + text + "' is out of range");
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(what + " '" + text + "' is not a number");
            return null;
        }
    }

    private static QualityCheck fresh(String argument, String named, List<String> problems) {
        int dots = argument.indexOf("..");
        String age = dots < 0 ? argument : argument.substring(0, dots).trim();
        String ahead = dots < 0 ? "0s" : argument.substring(dots + 2).trim();
        Duration maxAge = duration(age, named + "maximum age", problems);
        Duration maxAhead = ahead.isEmpty() || ahead.equals("0s") ? Duration.ZERO
                : duration(ahead, named + "maximum lead", problems);
        return maxAge == null || maxAhead == null ? null : new QualityCheck.Fresh(maxAge, maxAhead);
    }

    private static Duration duration(String text, String what, List<String> problems) {
        try {
            Duration duration = TimeUtils.parseDuration(text.trim());
            if (duration.isNegative() || duration.isZero()) {
                problems.add(what + " must be greater than 0 but was '" + text + "'");
                return null;
            }
            return duration;
        } catch (RuntimeException e) {
            problems.add(what + " '" + text + "' is not a duration such as 30s, 15min, 1h or 7d");
            return null;
        }
    }

    private static List<String> values(String text) {
        return Arrays.stream(text.split("\\|")).map(String::trim).toList();
    }
}
