package dev.theater.cli;

import dev.theater.api.TheaterException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes the command line takes: {@code 1048576}, {@code 64k}, {@code 512m}, {@code 2g} (powers of 1024). */
final class Sizes {

    private static final Pattern FORM = Pattern.compile("(\\d{1,12})([kmg]?)");

    private Sizes() {
    }

    static long parse(String text, String option) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, option + " must be a number of bytes, optionally"
                    + " followed by k, m or g (e.g. 512m), was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        if (n > Long.MAX_VALUE / unit) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, option + " is too large: '" + text + "'");
        }
        return n * unit;
    }
}
