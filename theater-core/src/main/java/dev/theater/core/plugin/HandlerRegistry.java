package dev.theater.core.plugin;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handler providers a runtime can use, by type, gathered once from three places:
 * <ol>
 *   <li><b>code</b>: providers passed to {@link Builder#add};</li>
 *   <li><b>the plugins folders</b> ({@link Builder#pluginsDirectory}, once per folder, in the order given): every
 *       {@code *.jar} directly in one is a PF4J
 *       plugin (manifest entries {@code Plugin-Id} and {@code Plugin-Version}; {@code Plugin-Class} optional) with its
 *       own class loader, and its providers are the classes listed in its
 *       {@code META-INF/services/dev.theater.api.handler.HandlerProvider}. The Theater API itself always comes from
 *       the runtime, even when a jar bundles a copy;</li>
 *   <li><b>the class path and module path</b> ({@link Builder#serviceLoader}): {@link java.util.ServiceLoader} from
 *       {@link Builder#classLoader}, which finds jars with the same service file and named modules that
 *       {@code provides dev.theater.api.handler.HandlerProvider}.</li>
 * </ol>
 *
 * <p><b>Duplicate types.</b> When two providers have the same {@link HandlerProvider#type()}, the one from the
 * earlier place in that list wins: <b>code &gt; plugins folder &gt; class path/module path</b>; within one place the
 * first found wins (code: refused by {@link Builder#add}; plugins folders: the folders in the order given, then jar
 * file-name order; class path: class-path order). The loser is ignored with a {@link PluginProblem.Severity#WARNING} naming both jars, logged and kept in
 * {@link #problems()}. Precedence follows how deliberate and how late the choice is: code is the embedder saying
 * exactly what it wants; the plugins folder is the operator's choice at deployment, made without a rebuild (drop a
 * fixed jar to replace a built-in handler); the class path is what the build brought in, perhaps transitively. The
 * same class found twice (added in code and also on the class path) is not a conflict and is not reported.
 *
 * <p><b>Broken plugins</b> (not a zip, no descriptor, a listed class missing, a provider constructor throwing,
 * {@link Error}s included, or not returning within {@link Builder#providerDeadline}, a null or blank type,
 * {@code type()}, {@code imports()}, {@code exports()} or {@code witFiles()} throwing, returning null or not
 * returning, interfaces that are not qualified {@code namespace:package/interface} names, WIT files that do not
 * parse or that refer to a package neither they nor theater:simple hold) are refused with a {@link PluginProblem.Severity#ERROR} naming the jar and the cause; everything else still
 * loads. Each provider is constructed and asked about itself once, on a thread of its own, and its WIT is parsed
 * there too ({@link #witInterfaces()}); a provider that never returns is abandoned with its thread left running.
 *
 * <p>A registry is immutable and thread-safe once built. {@link #close()} stops and unloads the PF4J plugins:
 * call it only after the handlers created from them have stopped.
 */
public final class HandlerRegistry implements AutoCloseable {

    static final String CODE_ORIGIN = "built-in (code)";
    private static final System.Logger LOG = System.getLogger(HandlerRegistry.class.getName());

    private final Map<String, ValidProvider> byType;
    private final Map<String, String> typeOfImport;
    private final List<WitInterface> witInterfaces;
    private final List<PluginProblem> problems;
    private final List<PluginFolderDiscovery> plugins;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HandlerRegistry(Map<String, ValidProvider> byType, List<PluginProblem> problems,
                            List<PluginFolderDiscovery> plugins) {
        this.byType = Collections.unmodifiableMap(byType);
        this.problems = List.copyOf(problems);
        this.plugins = List.copyOf(plugins);
        Map<String, String> imports = new LinkedHashMap<>();
        byType.forEach((type, valid) -> valid.imports()
                .forEach(name -> imports.putIfAbsent(WitInterfaceName.unversioned(name), type)));
        this.typeOfImport = Collections.unmodifiableMap(imports);
        List<WitInterface> wit = new ArrayList<>();
        byType.values().forEach(valid -> wit.addAll(valid.witInterfaces()));
        byType.values().forEach(valid -> wit.addAll(valid.dependencyInterfaces()));
        this.witInterfaces = List.copyOf(wit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider of {@code type}, as a manifest names it ({@code [[handlers]] type = "..."}). */
    public Optional<HandlerProvider> provider(String type) {
        return Optional.ofNullable(byType.get(type)).map(ValidProvider::provider);
    }

    /** Every known type, sorted. */
    public Set<String> types() {
        return byType.keySet();
    }

    /**
     * The provider that would serve the import {@code qualifiedInterface} (e.g. {@code theater:simple/timing}; a
     * version suffix such as {@code @0.1.0} is ignored on both sides). When several types import the same interface,
     * the first type in name order is returned. For messages such as {@code add [[handlers]] type = "timing"}.
     */
    public Optional<HandlerProvider> providerOfImport(String qualifiedInterface) {
        return Optional.ofNullable(typeOfImport.get(WitInterfaceName.unversioned(qualifiedInterface)))
                .flatMap(this::provider);
    }

    /**
     * The WIT interfaces the providers ship in {@link HandlerProvider#witFiles()}, parsed (and found valid, against
     * the bundled theater:simple) when the registry was built: those of each provider's own package, by provider type
     * in name order, then in declaration order; then those of the dependency packages they ship ({@code deps/...}),
     * in the same order. Where two have one name, a runtime uses the first ({@code WitUniverse}), so a copy of a
     * package that a provider ships as a dependency never wins over the provider whose own package it is.
     */
    public List<WitInterface> witInterfaces() {
        return witInterfaces;
    }

    /** Broken plugins and refused providers (errors), duplicate types and empty plugins (warnings), in the order found. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /**
     * Where the provider of {@code type} came from: {@code built-in (code)}, {@code class path: <jar>},
     * {@code module path: <module> (<jar>)} or {@code plugin <id> (<jar path>)}.
     *
     * @throws TheaterException if no provider has this type; the message lists the known types
     */
    public String origin(String type) {
        ValidProvider valid = byType.get(type);
        if (valid == null) {
            throw new TheaterException(TheaterException.Phase.PLUGIN, "no handler provider has type '" + type
                    + "'; the known types are " + types());
        }
        return valid.candidate().origin();
    }

    /** Stops and unloads the PF4J plugins (once); providers from them must not be used afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            plugins.forEach(PluginFolderDiscovery::close);
        }
    }

    /** Assembles a {@link HandlerRegistry}. */
    public static final class Builder {

        /** The default of {@link #providerDeadline}. */
        public static final Duration DEFAULT_PROVIDER_DEADLINE = Duration.ofSeconds(10);

        private final List<Path> pluginsDirectories = new ArrayList<>();
        private boolean serviceLoader = true;
        private ClassLoader classLoader = HandlerRegistry.class.getClassLoader();
        private Duration providerDeadline = DEFAULT_PROVIDER_DEADLINE;
        private boolean logProblems = true;
        private final Map<String, ValidProvider> added = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Loads PF4J plugins from this folder, besides any folder given before (a folder given twice, as the same
         * absolute normalized path, is searched once); without one, PF4J is not used at all. For a type found in two
         * folders the plugin of the folder given first wins, and the other is a warning.
         */
        public Builder pluginsDirectory(Path folder) {
            Path normalized = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
            if (pluginsDirectories.stream().noneMatch(f -> f.toAbsolutePath().normalize().equals(normalized))) {
                pluginsDirectories.add(folder);
            }
            return this;
        }

        /** Whether to look on the class path and module path with {@link java.util.ServiceLoader} (default true). */
        public Builder serviceLoader(boolean enabled) {
            this.serviceLoader = enabled;
            return this;
        }

        /**
         * The class loader ServiceLoader searches and the parent of every plugin's class loader (it must see
         * theater-api); default: the core's.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * How long one provider may take to be constructed, and then again to answer {@code type()},
         * {@code imports()}, {@code exports()} and {@code witFiles()} and have its WIT parsed (those together);
         * default {@link #DEFAULT_PROVIDER_DEADLINE}. A provider past it is refused and abandoned. Set it before
         * {@link #add}, which checks the provider at once.
         */
        public Builder providerDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new TheaterException(TheaterException.Phase.RUNTIME, "the provider deadline must be positive, was "
                        + deadline);
            }
            this.providerDeadline = deadline;
            return this;
        }

        /**
         * Adds a provider in code; it wins over any found in the plugins folder or on the class path. It is checked
         * at once, as discovered providers are.
         *
         * @throws TheaterException (phase {@code PLUGIN}) if the provider is refused or its type was already added
         */
        public Builder add(HandlerProvider provider) {
            Objects.requireNonNull(provider, "provider");
            Candidate candidate = new Candidate(provider, Tier.CODE, CODE_ORIGIN, "code");
            ValidProvider valid = switch (ProviderValidator.check(candidate, providerDeadline)) {
                case ProviderValidator.Result.Accepted(ValidProvider accepted) -> accepted;
                case ProviderValidator.Result.Refused(String message) ->
                        throw new TheaterException(TheaterException.Phase.PLUGIN, message);
            };
            ValidProvider previous = added.putIfAbsent(valid.type(), valid);
            if (previous != null) {
                throw new TheaterException(TheaterException.Phase.PLUGIN, "handler type '" + valid.type() + "' is added twice: "
                        + previous.provider().getClass().getName() + " and " + provider.getClass().getName());
            }
            return this;
        }

        /**
         * Whether {@link #build} logs each problem it finds (an error as {@code ERROR}, a warning as {@code WARNING},
         * to this class's {@link System.Logger}); default true. An application that reports {@link
         * HandlerRegistry#problems()} itself, as the CLI does, turns it off so each problem is shown once.
         */
        public Builder logProblems(boolean enabled) {
            this.logProblems = enabled;
            return this;
        }

        /** Finds the providers; never fails because of a broken plugin (see {@link HandlerRegistry#problems()}). */
        public HandlerRegistry build() {
            List<Candidate> candidates = new ArrayList<>();
            List<PluginProblem> problems = new ArrayList<>();
            List<PluginFolderDiscovery> plugins = new ArrayList<>();
            for (Path folder : pluginsDirectories) {
                PluginFolderDiscovery.discover(folder, classLoader, providerDeadline, candidates::add, problems::add)
                        .ifPresent(plugins::add);
            }
            if (serviceLoader) {
                ServiceLoaderDiscovery.discover(classLoader, providerDeadline, candidates::add, problems::add);
            }
            Map<String, ValidProvider> byType = resolve(candidates, problems);
            if (logProblems) {
                problems.forEach(HandlerRegistry::log);
            }
            return new HandlerRegistry(byType, problems, plugins);
        }

        /** Checks the discovered providers and settles duplicate types; the providers added in code come first. */
        private Map<String, ValidProvider> resolve(List<Candidate> candidates, List<PluginProblem> problems) {
            Map<String, ValidProvider> byType = new TreeMap<>(added);
            candidates.sort(Comparator.comparing(Candidate::tier)); // stable: first found stays first within a tier
            for (Candidate candidate : candidates) {
                ValidProvider valid;
                switch (ProviderValidator.check(candidate, providerDeadline)) {
                    case ProviderValidator.Result.Accepted(ValidProvider accepted) -> valid = accepted;
                    case ProviderValidator.Result.Refused(String message) -> {
                        problems.add(PluginProblem.error(candidate.source(), message));
                        continue;
                    }
                }
                ValidProvider winner = byType.putIfAbsent(valid.type(), valid);
                if (winner == null || winner.provider().getClass() == candidate.provider().getClass()) {
                    continue;
                }
                problems.add(PluginProblem.warning(candidate.source(), "handler type '" + valid.type()
                        + "' is provided twice: using " + winner.candidate().origin() + ", ignoring "
                        + candidate.origin() + "; precedence is code > plugins folder > class path/module path,"
                        + " then first found"));
            }
            return byType;
        }
    }

    private static void log(PluginProblem problem) {
        LOG.log(problem.severity() == PluginProblem.Severity.ERROR ? Level.ERROR : Level.WARNING,
                problem.source() + ": " + problem.message());
    }
}
