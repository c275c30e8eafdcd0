package io.github.flinklakehouse.jobs.warehouse;

import java.math.BigDecimal;

/** What {@code dim_product} knows of one product, kept in state (a Flink POJO). */
public class ProductState {

    public String categoryCode;
    public String brand;
    public BigDecimal latestPrice;
    public long firstSeen;
    public long lastSeen;
    /** Whether it changed since its row was last emitted. */
    public boolean changed;

    public ProductState() {
    }
}
