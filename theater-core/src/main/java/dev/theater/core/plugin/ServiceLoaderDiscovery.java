package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Finds providers with {@link ServiceLoader}: named modules that {@code provides} the service (module path) and
 * jars with {@code META-INF/services/dev.theater.api.handler.HandlerProvider} (class path), as seen from one class
 * loader. This is how an embedder's Maven dependency on a handler jar is found. Each provider is constructed under a
 * deadline ({@link Bounded}), as in the plugins folder.
 */
final class ServiceLoaderDiscovery {

    static final String SERVICE_FILE = "META-INF/services/" + HandlerProvider.class.getName();
    private static final int MAX_ERRORS = 1_000;
    private static final String LOAD_FAILED = "ServiceLoader could not load a handler provider: ";

    private ServiceLoaderDiscovery() {
    }

    static void discover(ClassLoader loader, Duration deadline, Consumer<Candidate> found,
                         Consumer<PluginProblem> problems) {
        Map<String, String> listedIn = serviceFileOwners(loader);
        // the stream's providers are loaded classes not yet instantiated: each is constructed under the deadline
        Iterator<ServiceLoader.Provider<HandlerProvider>> it =
                ServiceLoader.load(HandlerProvider.class, loader).stream().iterator();
        int errors = 0;
        while (errors < MAX_ERRORS) {
            ServiceLoader.Provider<HandlerProvider> lazy;
            try {
                if (!it.hasNext()) {
                    return;
                }
                lazy = it.next();
            } catch (ServiceConfigurationError e) {
                errors++;
                problems.accept(PluginProblem.error(sourceOf(e, listedIn), LOAD_FAILED + describe(e)));
                continue;
            }
            Class<? extends HandlerProvider> type = lazy.type();
            String location = Locations.of(type);
            switch (Bounded.call(type.getName(), deadline, lazy::get)) {
                case Bounded.Outcome.Done<HandlerProvider>(HandlerProvider provider) -> {
                    String at = Locations.of(provider.getClass()); // a static provider() may return a subclass
                    Module module = provider.getClass().getModule();
                    String origin = module.isNamed()
                            ? "module path: " + module.getName() + " (" + at + ")"
                            : "class path: " + at;
                    found.accept(new Candidate(provider, Tier.CLASS_PATH, origin, at));
                }
                case Bounded.Outcome.Threw<HandlerProvider>(Throwable e) -> {
                    errors++;
                    problems.accept(PluginProblem.error(location, e instanceof ServiceConfigurationError sce
                            ? LOAD_FAILED + describe(sce)
                            : "provider " + type.getName() + " could not be created: " + Causes.describe(e)));
                }
                case Bounded.Outcome.TimedOut<HandlerProvider> late -> {
                    errors++;
                    problems.accept(PluginProblem.error(location, "provider " + type.getName()
                            + " did not finish constructing within " + Bounded.format(deadline)
                            + "; it was abandoned (its thread is left running)"));
                }
            }
        }
    }

    /** The message of a ServiceLoader error with its cause, e.g. {@code ...Provider x.Boom could not be instantiated: IllegalStateException: boom}. */
    private static String describe(ServiceConfigurationError e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + Causes.describe(e.getCause());
    }

    /** The jar whose service file lists the class the error names, so that the problem names the jar. */
    private static String sourceOf(ServiceConfigurationError e, Map<String, String> listedIn) {
        String message = String.valueOf(e.getMessage());
        for (Map.Entry<String, String> entry : listedIn.entrySet()) {
            if (message.contains("Provider " + entry.getKey() + " ")) {
                return entry.getValue();
            }
        }
        return "class path";
    }

    /** Class name to the location of the first service file listing it. */
    private static Map<String, String> serviceFileOwners(ClassLoader loader) {
        Map<String, String> owners = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
                String location = Locations.ofResource(url, SERVICE_FILE);
                for (String name : readServiceFile(url)) {
                    owners.putIfAbsent(name, location);
                }
            }
        } catch (IOException e) {
            // the names are only used to point at a jar in problem messages
        }
        return owners;
    }

    /** The class names of a {@code META-INF/services} file: one per line, {@code #} starts a comment. */
    static List<String> readServiceFile(URL url) throws IOException {
        var connection = url.openConnection();
        connection.setUseCaches(false);
        try (var reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(line -> line.indexOf('#') >= 0 ? line.substring(0, line.indexOf('#')) : line)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }
}
