package io.github.flinklakehouse.jobs.clickstream.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/** A deterministic, dataset-like product catalog: real-looking categories, brands and prices. */
final class ProductCatalog {

    /** One product as it appears in every event about it. */
    record Product(long productId, long categoryId, String categoryCode, String brand, BigDecimal price) {
    }

    private static final List<String> CATEGORY_CODES = List.of(
            "electronics.smartphone", "electronics.audio.headphone", "electronics.video.tv", "computers.notebook",
            "appliances.kitchen.washer", "appliances.kitchen.refrigerators", "appliances.environment.vacuum",
            "appliances.environment.water_heater", "computers.desktop", "electronics.clocks",
            "furniture.living_room.sofa", "furniture.bedroom.bed", "apparel.shoes", "apparel.shoes.keds",
            "auto.accessories.player", "construction.tools.drill", "kids.toys", "sport.bicycle",
            "electronics.tablet", "accessories.bag");

    private static final List<String> BRANDS = List.of(
            "samsung", "apple", "xiaomi", "huawei", "lucente", "cordiant", "lg", "sony", "acer", "lenovo",
            "oppo", "bosch", "indesit", "respect", "artel", "elenberg", "hp", "asus", "philips", "redmond",
            "shiseido", "aqua", "nokian", "kiturami", "polaris", "tefal", "vitek", "canon", "casio", "janome");

    /** Shares of products without category code / brand, chosen so event shares match the dataset. */
    private static final double NO_CATEGORY_CODE = 0.30;
    private static final double NO_BRAND = 0.15;
    private static final double FREE_PRODUCT = 0.002;

    private final Product[] products;

    ProductCatalog(int size, SplittableRandom random) {
        int categoryCount = CATEGORY_CODES.size();
        long[] categoryIds = new long[categoryCount];
        for (int i = 0; i < categoryCount; i++) {
            // 19 digits like the dataset: 2.05e18 .. 2.25e18.
            categoryIds[i] = 2_053_013_552_000_000_000L + random.nextLong(200_000_000_000_000_000L);
        }
        ZipfSampler categories = new ZipfSampler(categoryCount, 0.9);
        ZipfSampler brands = new ZipfSampler(BRANDS.size(), 1.0);
        products = new Product[size];
        for (int i = 0; i < size; i++) {
            int category = categories.sample(random);
            // A low-discrepancy sequence over popularity ranks keeps the event shares close to the targets even
            // though a few popular products dominate (a random draw per product would swing them by seed).
            String code = lowDiscrepancy(i, 0.6180339887498949, 0.5) >= NO_CATEGORY_CODE
                    ? CATEGORY_CODES.get(category) : null;
            String brand = lowDiscrepancy(i, 0.7548776662466927, 0.5) < NO_BRAND ? null : BRANDS.get(brands.sample(random));
            products[i] = new Product(1_000_000L + random.nextLong(99_000_000L), categoryIds[category], code, brand,
                    price(random));
        }
    }

    Product get(int index) {
        return products[index];
    }

    int size() {
        return products.length;
    }

    private static double lowDiscrepancy(int index, double step, double offset) {
        double value = offset + index * step;
        return value - Math.floor(value);
    }

    private static BigDecimal price(SplittableRandom random) {
        if (random.nextDouble() < FREE_PRODUCT) {
            return BigDecimal.ZERO.setScale(2);
        }
        // Log-normal around ~100 with a long tail, like the dataset's prices.
        double value = Math.exp(4.6 + 1.1 * gaussian(random));
        return BigDecimal.valueOf(Math.min(value, 2_500.0) + 0.5).setScale(2, RoundingMode.HALF_UP);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
