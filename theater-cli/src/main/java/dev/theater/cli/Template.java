package dev.theater.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text templates {@code theater new} writes (resources under {@code templates/}): {@code {{key}}} is replaced by
 * its value; {@code {{#flag}}...{{/flag}}} is kept only when the flag is set, {@code {{^flag}}...{{/flag}}} only when
 * it is not. A marker alone on its line takes its line break with it.
 */
final class Template {

    private static final Pattern MARKER_LINE = Pattern.compile("(?m)^(\\{\\{[#^/][a-z_]+}})\\n");
    private static final Pattern SECTION = Pattern.compile("(?s)\\{\\{([#^])([a-z_]+)}}(.*?)\\{\\{/\\2}}");
    private static final Pattern VALUE = Pattern.compile("\\{\\{([A-Za-z_]+)}}");

    private Template() {
    }

    /** The template resource {@code templates/<path>} of this module, as text. */
    static String resource(String path) {
        try (InputStream in = Template.class.getResourceAsStream("templates/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no template resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with its sections settled by {@code flags} and every {@code {{key}}} replaced from {@code values}. */
    static String render(String text, Map<String, String> values, Set<String> flags) {
        String sections = SECTION.matcher(MARKER_LINE.matcher(text).replaceAll("$1")).replaceAll(section -> {
            boolean wanted = flags.contains(section.group(2)) == section.group(1).equals("#");
            return Matcher.quoteReplacement(wanted ? section.group(3) : "");
        });
        return VALUE.matcher(sections).replaceAll(key -> {
            String value = values.get(key.group(1));
            if (value == null) {
                throw new IllegalStateException("template value {{" + key.group(1) + "}} is not given");
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
