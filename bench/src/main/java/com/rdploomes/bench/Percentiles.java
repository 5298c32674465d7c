package com.rdploomes.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** p50/p95/p99 of a sample, in milliseconds. */
record Percentiles(double p50, double p95, double p99, double max, int count) {

    static Percentiles ofNanos(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Percentiles(ms(at(sorted, 0.50)), ms(at(sorted, 0.95)), ms(at(sorted, 0.99)),
                ms(sorted.getLast()), sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    String text() {
        return "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (max %.2f, n=%d)".formatted(p50, p95, p99, max, count);
    }
}
