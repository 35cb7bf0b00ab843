package dev.theater.core;

import dev.theater.api.TheaterException;
import java.util.function.Function;
import java.util.function.Consumer;
import dev.theater.chain.ChainListener;
import dev.theater.api.handler.Supervision;
import dev.theater.api.handler.SpawnSpec;
import dev.theater.api.handler.ActorEnd;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.MemoryBudget;
import dev.theater.core.engine.cache.CacheFolder;
import dev.theater.core.engine.cache.ModuleCompiler;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.core.plugin.HandlerRegistry;
import dev.theater.core.runtime.Actor;
import dev.theater.core.runtime.ActorLauncher;
import dev.theater.core.runtime.GuestThreads;
import dev.theater.core.runtime.HandlerCatalog;
import dev.theater.core.runtime.WitUniverse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Theater runtime in this JVM: it loads handler plugins, starts actors from manifests, and keeps their
 * chains under its home folder. Thread-safe. Close it to stop every actor and flush every chain.
 *
 * <pre>{@code
 * try (Theater theater = Theater.builder().home(Path.of("theater-home")).build()) {
 *     ActorRef pong = theater.start(Path.of("examples/ping-pong/pong.toml"));
 *     byte[] reply = pong.request("ping 1".getBytes()).join();
 * }
 * }</pre>
 */
public final class Theater implements AutoCloseable {

    private final Engine engine;
    private final GuestThreads guestThreads;
    private final ChainStore chains;
    private final HandlerRegistry registry;
    private final ActorLauncher launcher;
    private final Actors actors = new Actors();
    private final Supervisor supervision = new Supervisor();
    private final ManifestCache childManifests = new ManifestCache();
    private final Function<String, Optional<ChainListener>> chainListeners;
    private final Optional<RunStart> runStart; // empty unless Builder.recordRunStarts(true)
    private volatile boolean closed;

    private Theater(Builder b) {
        this.engine = Engine.create(b.engineMode, b.memoryBudget.map(MemoryBudget::ofBytes).orElseGet(MemoryBudget::defaultForHeap),
                b.compileCache ? ModuleCompiler.cached(CacheFolder.under(b.home), b.compileListener)
                        : ModuleCompiler.uncached(b.compileListener));
        this.guestThreads = new GuestThreads(b.guestThreads);
        this.chains = ChainStore.builder().home(b.home).fsync(b.fsync).build();
        HandlerRegistry.Builder rb = HandlerRegistry.builder().serviceLoader(b.serviceLoader)
                .providerDeadline(b.providerDeadline).logProblems(b.logPluginProblems);
        b.pluginsDirectories.forEach(rb::pluginsDirectory);
        b.providers.forEach(rb::add);
        this.registry = rb.build();
        HandlerCatalog catalog = new HandlerCatalog() {
            public Optional<HandlerProvider> provider(String type) {
                return registry.provider(type);
            }

            public Optional<HandlerProvider> providerOfImport(String qualifiedInterface) {
                return registry.providerOfImport(qualifiedInterface);
            }

            public Set<String> types() {
                return registry.types();
            }
        };
        this.launcher = new ActorLauncher(engine, WitUniverse.of(registry.witInterfaces()), catalog, new Services(),
                guestThreads, b.handlerStopTimeout, b.chainPayloadLimit);
        this.chainListeners = b.chainListeners;
        this.runStart = b.recordRunStarts ? Optional.of(RunStart.now()) : Optional.empty();
    }

    /** The default of {@link Builder#chainPayloadLimit}: 64 KiB. */
    public static final long DEFAULT_CHAIN_PAYLOAD_LIMIT = 64 * 1024;

    /** The default of {@link Builder#guestThreads}. */
    public static final int DEFAULT_GUEST_THREADS = 2048;

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the actor a manifest file describes; its id is the manifest's {@code name}. */
    public ActorRef start(Path manifestFile) {
        return start(ManifestParser.parse(manifestFile), StartOptions.defaults());
    }

    /** Starts an actor from manifest text; relative paths in it resolve against {@code baseDir}. */
    public ActorRef start(String manifestToml, Path baseDir) {
        return start(ManifestParser.parse(manifestToml, ManifestParser.STRING_SOURCE, baseDir), StartOptions.defaults());
    }

    /**
     * Starts an actor. Its id is {@code options.id()} or else the manifest's name, and must not be taken by an actor
     * that has not ended. Its initial state is {@code options.initialState()}, else the manifest's {@code init_state}.
     *
     * @throws TheaterException naming the manifest, the actor and what failed
     */
    public ActorRef start(ActorManifest manifest, StartOptions options) {
        String id = options.id().orElse(manifest.name());
        Optional<byte[]> initial = options.initialState().or(() -> manifest.initState().map(s -> s.bytes()));
        return new ActorRef(launch(id, Optional.empty(), manifest, initial, options.listener(), options.resume()), actors);
    }

    /** Starts incarnation one of {@code id}; the id is free again if it fails. */
    private Actor launch(String id, Optional<String> parent, ActorManifest manifest, Optional<byte[]> initialState,
                         Optional<ChainListener> listener, boolean resume) {
        if (closed) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, "this Theater is closed");
        }
        Actors.Node node = actors.reserve(id, parent, manifest);
        try {
            return incarnate(node, initialState, listener, true, resume);
        } catch (RuntimeException | Error e) {
            actors.release(node);
            throw e;
        }
    }

    /**
     * Starts a (new) incarnation of {@code node}'s actor on its chain. The first one in this runtime records the run
     * start (when enabled); with {@code resume}, the last state the chain holds replaces {@code initialState}.
     */
    private Actor incarnate(Actors.Node node, Optional<byte[]> initialState, Optional<ChainListener> listener,
                            boolean first, boolean resume) {
        ActorChain chain = chains.open(node.id);
        Optional<RecordedState> resumed;
        try {
            resumed = resume ? RecordedState.lastIn(chain) : Optional.empty();
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        listener.ifPresent(chain::subscribe);
        chainListeners.apply(node.id).ifPresent(chain::subscribe);
        if (first) {
            node.resumedFrom = resumed.map(RecordedState::event);
            runStart.ifPresent(run -> run.record(chain, node.manifest, node.resumedFrom));
        }
        Optional<byte[]> state = resumed.isPresent() ? resumed.get().state() : initialState;
        return launcher.launch(node.id, node.parent, node.manifest, chain, state, actors);
    }

    /** A running actor by id. */
    public Optional<ActorRef> actor(String id) {
        return actors.running(id).map(a -> new ActorRef(a, actors));
    }

    /** The ids of the running actors, sorted: exactly those whose status is RUNNING. */
    public Set<String> actorIds() {
        return actors.runningIds();
    }

    /** The actors that have not ended, as trees: top-level actors with their children, in start order. */
    public List<ActorTree> tree() {
        return actors.roots().stream().map(this::tree).toList();
    }

    private ActorTree tree(Actors.Node node) {
        Actor current = node.current;
        List<ActorTree> children = node.children().stream().map(id -> actors.node(id)).flatMap(Optional::stream)
                .map(this::tree).toList();
        return new ActorTree(node.id, current == null ? ActorStatus.STARTING : current.status(), children);
    }

    /** The handler types this runtime can give actors. */
    public Set<String> handlerTypes() {
        return registry.types();
    }

    public HandlerRegistry handlers() {
        return registry;
    }

    public ChainStore chains() {
        return chains;
    }

    /**
     * This runtime's run id, when it records run starts ({@link Builder#recordRunStarts}): the {@code run} of the
     * {@code theater/run-started} event it writes into each actor's chain.
     */
    public Optional<String> runId() {
        return runStart.map(RunStart::id);
    }

    /** Stops every actor tree bottom-up (each actor stops its children first), unloads plugins, flushes chains. */
    @Override
    public void close() {
        closed = true;
        for (Actors.Node root : actors.roots()) {
            Actor current = root.current;
            if (current != null) {
                current.stop("the runtime is closing");
            }
        }
        for (Actor left : actors.all()) { // started meanwhile, or still ending
            left.stop("the runtime is closing");
        }
        guestThreads.close();
        registry.close();
        chains.close();
    }

    /** What handlers may use of this runtime. */
    private final class Services implements RuntimeServices {
        @Override
        public Optional<ActorHandle> actor(String actorId) {
            return actors.running(actorId).map(Actor::handle);
        }

        @Override
        public Set<String> actorIds() {
            return Theater.this.actorIds();
        }

        @Override
        public Path home() {
            return chains.home();
        }

        @Override
        public Supervision supervision() {
            return supervision;
        }
    }

    /** The actor lifecycle for the supervisor handler: children confined to their parents, restarts, watching. */
    private final class Supervisor implements Supervision {
        @Override
        public ActorHandle spawn(SpawnSpec spec) {
            // a parent may spawn from its init (STARTING): if the init then fails, its stop stops these children
            Actors.Node parent = actors.node(spec.parentId()).filter(n -> n.current != null
                    && live(n.current.status())).orElseThrow(() -> new TheaterException(
                    TheaterException.Phase.RUNTIME, "actor '" + spec.parentId() + "' is not running"));
            ActorManifest child = ChildManifests.confine(childManifests.parseConfined(spec.manifest(),
                    "<manifest from " + spec.parentId() + ">", parent.manifest.baseDir()), parent.manifest, registry);
            Optional<byte[]> initial = spec.replaceManifestState() ? spec.initialState()
                    : spec.initialState().or(() -> child.initState().map(s -> s.bytes()));
            Actor actor = launch(parent.nextChildId(child.name()), Optional.of(parent.id), child, initial, Optional.empty(),
                    false);
            return actor.handle();
        }

        @Override
        public void stop(String actorId, String reason) {
            actors.node(actorId).map(n -> n.current).ifPresent(a -> a.stop(reason));
        }

        @Override
        public ActorHandle restart(String actorId) {
            Optional<byte[]> lastState;
            Actors.Node node = actors.node(actorId).filter(n -> n.parent.isPresent()).orElse(null);
            if (node != null) {
                Actor old = node.current;
                old.markRestarting();
                old.stop("restarting");
                lastState = old.handle().state();
            } else {
                lastState = actors.lastStateOfEnded(actorId);
                node = actors.revive(actorId).orElseThrow(() -> new TheaterException(TheaterException.Phase.RUNTIME,
                        "no child actor '" + actorId + "' to restart (never started, forgotten, or its parent is gone)"));
            }
            Actors.Node parent = actors.node(node.parent.orElseThrow()).orElse(null);
            if (parent == null || parent.current == null || !live(parent.current.status())) {
                actors.release(node);
                throw new TheaterException(TheaterException.Phase.RUNTIME, "cannot restart '" + actorId
                        + "': its parent is not running");
            }
            try {
                return incarnate(node, lastState, Optional.empty(), false, false).handle();
            } catch (RuntimeException | Error e) {
                actors.release(node); // the restart failed: the child is gone
                throw e;
            } finally {
                if (!live(parent.current.status()) && node.current != null) {
                    node.current.stop("its parent '" + parent.id + "' stopped while it restarted");
                }
            }
        }

        private static boolean live(ActorStatus status) {
            return status == ActorStatus.RUNNING || status == ActorStatus.STARTING;
        }

        @Override
        public void forget(String actorId) {
            actors.forget(actorId);
        }

        @Override
        public void fail(String actorId, String reason) {
            actors.node(actorId).map(n -> n.current).ifPresent(a -> a.fail(reason));
        }

        @Override
        public void watch(String actorId, Consumer<ActorEnd> onEnd) {
            actors.watch(actorId, onEnd);
        }

        @Override
        public List<String> children(String parentId) {
            return actors.node(parentId).map(Actors.Node::children).orElse(List.of());
        }

        @Override
        public Optional<String> parent(String actorId) {
            return actors.node(actorId).flatMap(n -> n.parent);
        }

        @Override
        public boolean isEndedChild(String actorId, String parentId) {
            return actors.isEndedChildOf(actorId, parentId);
        }
    }

    /** Assembles a {@link Theater}. */
    public static final class Builder {
        private Path home = defaultHome();
        private final List<Path> pluginsDirectories = new ArrayList<>();
        private EngineMode engineMode = EngineMode.COMPILER;
        private FsyncPolicy fsync = FsyncPolicy.GROUP_COMMIT;
        private boolean serviceLoader = true;
        private Duration handlerStopTimeout = Duration.ofSeconds(5);
        private Optional<Long> memoryBudget = Optional.empty();
        private int guestThreads = DEFAULT_GUEST_THREADS;
        private long chainPayloadLimit = DEFAULT_CHAIN_PAYLOAD_LIMIT;
        private Duration providerDeadline = HandlerRegistry.Builder.DEFAULT_PROVIDER_DEADLINE;
        private final List<HandlerProvider> providers = new ArrayList<>();
        private Function<String, Optional<ChainListener>> chainListeners = id -> Optional.empty();
        private boolean logPluginProblems = true;
        private boolean recordRunStarts;
        private boolean compileCache = true;
        private CompileListener compileListener = CompileListener.none();

        private Builder() {
        }

        private static Path defaultHome() {
            String env = System.getenv("THEATER_HOME");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".theater");
        }

        /**
         * Where chains, handler data and the compile cache ({@code cache/compiled}) live; default
         * {@code $THEATER_HOME}, else {@code ~/.theater}.
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * A folder of PF4J handler plugin jars; none by default. Call it once per folder: each is searched, and for a
         * type found in two the folder given first wins ({@link HandlerRegistry}).
         */
        public Builder pluginsDirectory(Path folder) {
            this.pluginsDirectories.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        public Builder engineMode(EngineMode mode) {
            this.engineMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Whether compiled modules are kept on disk under {@code <home>/cache/compiled} ({@link CompileCache}), so
         * that a later process starting the same module loads its classes instead of compiling it; default true.
         * Off, every process compiles and nothing is written. Only {@link EngineMode#COMPILER} compiles.
         */
        public Builder compileCache(boolean enabled) {
            this.compileCache = enabled;
            return this;
        }

        /** Told how each module compile (or cache load) goes; {@code theater run} prints it. Default: none. */
        public Builder compileListener(CompileListener listener) {
            this.compileListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** When chain files are forced to disk; default group commit. */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether handler providers on the class path and module path are found with ServiceLoader; default true. */
        public Builder serviceLoader(boolean enabled) {
            this.serviceLoader = enabled;
            return this;
        }

        /** A provider given in code; it wins over one of the same type found by discovery. */
        public Builder addProvider(HandlerProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** How long each handler gets to stop before it is interrupted; default 5 s. */
        public Builder handlerStopTimeout(Duration timeout) {
            this.handlerStopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The guest memory all actors of this runtime may hold together, in bytes (whole 64 KiB pages). Every
         * instantiation and every {@code memory.grow} is charged to it; a grow past it fails inside the guest
         * ({@code memory.grow} returns -1), and a start that does not fit fails naming the budget. Default: half
         * of the JVM's maximum heap.
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 65_536) {
                throw new TheaterException(TheaterException.Phase.RUNTIME,
                        "the guest memory budget must be at least 65536 bytes (one page), was " + bytes);
            }
            this.memoryBudget = Optional.of(bytes);
            return this;
        }

        /**
         * How many platform threads actors run their calls on at most (one per actor with work); past it, calls
         * run on virtual threads, where a CPU-bound guest can delay others. Default {@value #DEFAULT_GUEST_THREADS}.
         */
        public Builder guestThreads(int max) {
            if (max < 1) {
                throw new TheaterException(TheaterException.Phase.RUNTIME, "guest threads must be at least 1, was " + max);
            }
            this.guestThreads = max;
            return this;
        }

        /**
         * The chain payload rule: a string or {@code list<u8>} in a recorded call or handler event (a file's
         * contents, a stored blob, an HTTP body, a message) up to this many bytes is recorded in full; a longer one
         * as {@code {"size":<bytes>,"sha256":"<hex>"}}, so the chain stays small and still pins the exact bytes.
         * Default {@value #DEFAULT_CHAIN_PAYLOAD_LIMIT} bytes; {@code 0} records every payload as its hash.
         */
        public Builder chainPayloadLimit(long bytes) {
            if (bytes < 0) {
                throw new TheaterException(TheaterException.Phase.RUNTIME,
                        "the chain payload limit must be 0 or more bytes, was " + bytes);
            }
            this.chainPayloadLimit = bytes;
            return this;
        }

        /**
         * How long each handler provider may take to be constructed, to describe itself or to have its WIT parsed
         * before it is refused and abandoned (see {@link HandlerRegistry.Builder#providerDeadline}); default 10 s.
         */
        public Builder providerDeadline(Duration deadline) {
            this.providerDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /**
         * A listener for the chain of every actor this runtime starts, children and restarts included, subscribed
         * before the actor's first event ({@code actorId -> Optional.of(listener)}); the CLI prints logs this way.
         */
        public Builder chainListeners(Function<String, Optional<ChainListener>> perActor) {
            this.chainListeners = Objects.requireNonNull(perActor, "perActor");
            return this;
        }

        /**
         * Whether the problems the handler registry finds are logged ({@link HandlerRegistry.Builder#logProblems});
         * default true. The CLI, which prints {@code handlers().problems()} itself, turns it off.
         */
        public Builder logPluginProblems(boolean enabled) {
            this.logPluginProblems = enabled;
            return this;
        }

        /**
         * Whether each actor's chain gets a {@code theater/run-started} event when the actor first starts in this
         * runtime (children included, restarts not), so that runs sharing a home are told apart in the chains:
         * {@code {"run":"<this runtime's id>","started":"<ISO-8601 instant>","manifest":"<source>",
         * "resumed_from":<event index>|null}}. Default false; {@code theater run} turns it on.
         */
        public Builder recordRunStarts(boolean enabled) {
            this.recordRunStarts = enabled;
            return this;
        }

        public Theater build() {
            return new Theater(this);
        }
    }
}
