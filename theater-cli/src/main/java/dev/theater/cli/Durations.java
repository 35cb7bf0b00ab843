package dev.theater.cli;

import dev.theater.api.TheaterException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations the command line takes: {@code 500ms}, {@code 2s}, {@code 1m}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

    private Durations() {
    }

    static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, option + " must be a number followed by ms, s or m (e.g. 2s), was '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
