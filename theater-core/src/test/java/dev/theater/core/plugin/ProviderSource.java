package dev.theater.core.plugin;

/**
 * The Java source of a provider for a test jar: every method has a body that works (a handler serving
 * {@code theater:simple/runtime.log}, which the {@code lifecycle} guest imports), and a test replaces the one it
 * breaks. Bodies are Java statements; {@link #members} adds fields, constructors, static blocks or helper classes.
 */
record ProviderSource(String className, String type, String imports, String witFiles, String create,
                      String members) {

    /** A working provider of {@code type}. */
    static ProviderSource of(String className, String type) {
        return new ProviderSource(className, "return \"" + type + "\";",
                "return Set.of(\"theater:simple/runtime\");", "return Map.of();",
                """
                return new Handler() {
                            @Override public void link(HostLinker linker) {
                                linker.define("theater:simple/runtime", "log", args -> Optional.empty());
                            }
                        };""", "");
    }

    ProviderSource type(String body) {
        return new ProviderSource(className, body, imports, witFiles, create, members);
    }

    ProviderSource imports(String body) {
        return new ProviderSource(className, type, body, witFiles, create, members);
    }

    ProviderSource witFiles(String body) {
        return new ProviderSource(className, type, imports, body, create, members);
    }

    ProviderSource create(String body) {
        return new ProviderSource(className, type, imports, witFiles, body, members);
    }

    ProviderSource members(String text) {
        return new ProviderSource(className, type, imports, witFiles, create, text);
    }

    String packageName() {
        return className.substring(0, className.lastIndexOf('.'));
    }

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    String text() {
        return """
                package %s;

                import dev.theater.api.handler.*;
                import java.util.*;

                public class %s implements HandlerProvider {
                    %s
                    @Override public String type() { %s }
                    @Override public Set<String> imports() { %s }
                    @Override public Set<String> exports() { return Set.of(); }
                    @Override public Map<String, String> witFiles() { %s }
                    @Override public Handler create(HandlerContext context) { %s }
                }
                """.formatted(packageName(), simpleName(), members, type, imports, witFiles, create);
    }
}
