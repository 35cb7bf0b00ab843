package dev.theater.bench.runtime;

import java.util.Arrays;
import java.util.Locale;

/** Medians, spreads and percentiles for the harness's reports. */
final class Stats {
    private Stats() {
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** The nearest-rank percentile of sorted nanosecond samples, in µs. */
    static double percentileMicros(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1000.0;
    }

    static String summary(String unit, double[] values) {
        return String.format(Locale.ROOT, "median %,.0f %s (min %,.0f, max %,.0f; runs %s)", median(values), unit,
                min(values), max(values), list(values));
    }

    static String summary1(String unit, double[] values) {
        return String.format(Locale.ROOT, "median %,.1f %s (min %,.1f, max %,.1f; runs %s)", median(values), unit,
                min(values), max(values), list1(values));
    }

    private static String list(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", values[i]));
        }
        return sb.append(']').toString();
    }

    private static String list1(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.1f", values[i]));
        }
        return sb.append(']').toString();
    }
}
