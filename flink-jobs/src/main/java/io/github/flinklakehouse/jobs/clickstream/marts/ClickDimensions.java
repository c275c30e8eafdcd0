package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.engine.Dimension;
import org.apache.flink.api.common.typeinfo.Types;

/** The values the clickstream marts count distinctly; the engine keys one stage by each. */
public final class ClickDimensions {

    /** Users ({@code user_id}). */
    public static final Dimension<ClickMartEvent, Long> USER = Dimension.of("user", Types.LONG, e -> e.userId);
    /** Sessions ({@code user_session}); the sessions mart runs in this stage too. */
    public static final Dimension<ClickMartEvent, String> SESSION =
            Dimension.of("session", Types.STRING, e -> e.userSession);
    /** Products ({@code product_id}). */
    public static final Dimension<ClickMartEvent, Long> PRODUCT = Dimension.of("product", Types.LONG, e -> e.productId);

    private ClickDimensions() {
    }
}
