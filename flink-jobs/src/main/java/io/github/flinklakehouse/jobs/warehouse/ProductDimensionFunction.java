package io.github.flinklakehouse.jobs.warehouse;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps one {@code dim_product} row per product, keyed by product id: first and last seen are the least and
 * greatest event times, the latest price, category and brand those of the event with the greatest event time (on a
 * tie the greatest price), so the row does not depend on arrival order. A changed row is emitted, absolute, when the
 * watermark next advances (once per product and watermark, not per event; in BATCH once, at the end).
 */
public final class ProductDimensionFunction extends KeyedProcessFunction<Long, WarehouseEvent, DimProductRow> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<ProductState> state;

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("product", ProductState.class));
    }

    @Override
    public void processElement(WarehouseEvent event, Context context, Collector<DimProductRow> out) throws Exception {
        long time = event.eventTimeMillis();
        ProductState product = state.value();
        if (product == null) {
            product = new ProductState();
            product.firstSeen = time;
            product.lastSeen = Long.MIN_VALUE;
        }
        product.firstSeen = Math.min(product.firstSeen, time);
        if (time > product.lastSeen || (time == product.lastSeen && event.price.compareTo(product.latestPrice) > 0)) {
            product.lastSeen = time;
            product.latestPrice = event.price;
            product.categoryCode = event.categoryCode;
            product.brand = event.brand;
        }
        if (!product.changed) {
            long watermark = context.timerService().currentWatermark();
            context.timerService().registerEventTimeTimer(watermark == Long.MAX_VALUE ? watermark : watermark + 1);
            product.changed = true;
        }
        state.update(product);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DimProductRow> out) throws Exception {
        ProductState product = state.value();
        long productId = context.getCurrentKey();
        out.collect(new DimProductRow(SurrogateKeys.productKey(productId), productId, product.categoryCode,
                product.brand, product.latestPrice, Instant.ofEpochMilli(product.firstSeen),
                Instant.ofEpochMilli(product.lastSeen)));
        product.changed = false;
        state.update(product);
    }
}
