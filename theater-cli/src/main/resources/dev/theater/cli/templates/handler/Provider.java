package {{package}};

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The {@code {{name}}} handler type: gives actors {@code acme:{{name}}/greeter}. Found by PF4J in a plugins folder
 * (and by ServiceLoader on a class path) through {@code META-INF/services/dev.theater.api.handler.HandlerProvider}.
 * Manifest entry:
 * <pre>
 * [[handlers]]
 * type = "{{name}}"
 * config = { greeting = "hi", max_name_bytes = 64 }
 * </pre>
 */
public final class {{Base}}HandlerProvider implements HandlerProvider {

    public static final String TYPE = "{{name}}";
    public static final String INTERFACE = "acme:{{name}}/greeter";

    @Override
    public String type() {
        return TYPE;
    }

    /** The interfaces actors import from this handler (its host functions). */
    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    /** The interfaces this handler calls in actors: none. */
    @Override
    public Set<String> exports() {
        return Set.of();
    }

    /** The {@code acme:{{name}}} package; the runtime parses it against its bundled theater:simple. */
    @Override
    public Map<String, String> witFiles() {
        try (InputStream in = {{Base}}HandlerProvider.class.getResourceAsStream("/wit/{{name}}.wit")) {
            return Map.of("{{name}}.wit", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One handler per actor that lists this type; a bad config stops that actor's start with the key named. */
    @Override
    public Handler create(HandlerContext context) {
        return new {{Base}}Handler({{Base}}Config.from(context.config()));
    }
}
