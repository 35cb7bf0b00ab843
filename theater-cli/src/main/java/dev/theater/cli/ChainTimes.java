package dev.theater.cli;

import dev.theater.api.TheaterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times {@code theater chain show --since/--until} take: an ISO-8601 time with {@code Z} or an offset
 * ({@code 2025-06-01T10:00:00Z}, {@code 2025-06-01T12:00:00+02:00}), a date ({@code 2025-06-01}, midnight UTC),
 * or a duration ago ({@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}).
 */
final class ChainTimes {

    private static final Pattern AGO = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ChainTimes() {
    }

    static Instant parse(String text, String option, Instant now) {
        String t = text.trim();
        Matcher m = AGO.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration ago = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(ago);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new TheaterException(TheaterException.Phase.CHAIN, option + " must be an ISO-8601 time"
                        + " (2025-06-01T10:00:00Z), a date (2025-06-01) or a duration ago (90s, 10m, 2h, 3d), was '"
                        + text + "'");
            }
        }
    }
}
