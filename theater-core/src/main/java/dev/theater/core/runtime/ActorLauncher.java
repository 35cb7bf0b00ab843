package dev.theater.core.runtime;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import dev.theater.core.WasmLinkException;
import dev.theater.api.wit.WitValue;
import dev.theater.chain.ActorChain;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.FunctionImport;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.HandlerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Brings an actor to life, recording each phase in its chain: create its handlers from the manifest,
 * link their host functions (an import no listed handler provides fails here, naming the handler that
 * would), instantiate, let handlers resolve the exports they call, start them, and call {@code actor.init}.
 */
public final class ActorLauncher {

    private static final String ACTOR = "theater:simple/actor";

    private final Engine engine;
    private final WitUniverse universe;
    private final HandlerCatalog catalog;
    private final RuntimeServices services;
    private final Executor guestThreads;
    private final Duration handlerStopTimeout;
    private final long chainPayloadLimit;

    public ActorLauncher(Engine engine, WitUniverse universe, HandlerCatalog catalog, RuntimeServices services,
                         Executor guestThreads, Duration handlerStopTimeout, long chainPayloadLimit) {
        this.engine = engine;
        this.universe = universe;
        this.catalog = catalog;
        this.services = services;
        this.guestThreads = guestThreads;
        this.handlerStopTimeout = handlerStopTimeout;
        this.chainPayloadLimit = chainPayloadLimit;
    }

    /**
     * Starts the actor {@code id} of {@code manifest} with {@code chain} (which it owns from now on) and
     * returns it running, or stops it and throws a {@link TheaterException} naming what failed.
     */
    public Actor launch(String id, Optional<String> parentId, ActorManifest manifest, ActorChain chain,
                        Optional<byte[]> initialState, ActorLifecycle lifecycle) {
        Actor actor = new Actor(id, parentId, manifest.limits(), chain, initialState, guestThreads, handlerStopTimeout,
                chainPayloadLimit, lifecycle);
        lifecycle.created(actor);
        actor.record("lifecycle/starting", startingJson(manifest.source(), parentId), Optional.of("manifest "
                + manifest.source() + parentId.map(p -> ", child of " + p).orElse("")));
        try {
            CompiledModule module = engine.load(manifest.wasm());
            List<Actor.NamedHandler> handlers = createHandlers(id, manifest);
            WitLinker linker = WitLinker.forModule(module)
                    .configure(b -> b.maxMemoryPages(manifest.limits().maxMemoryPages()));
            RecordingHostLinker hostLinker = new RecordingHostLinker(universe, linker, actor::record, chainPayloadLimit);
            for (Actor.NamedHandler h : handlers) {
                hostLinker.handler(h.type());
                h.handler().link(hostLinker);
            }
            checkPermissions(id, module, handlers, hostLinker);
            WitInterface actorInterface = universe.require(ACTOR, "the runtime");
            linker.withInterface(actorInterface);
            for (Actor.NamedHandler h : handlers) {
                for (String exported : catalog.provider(h.type()).orElseThrow().exports()) {
                    linker.withInterface(universe.require(exported, "handler '" + h.type() + "'"));
                }
            }
            WitInstance instance = linker.instantiate();
            actor.attach(instance, handlers);
            actor.record("lifecycle/linked", Actor.reasonJson("module " + module.sha256()));
            if (exportsFor(actor, instance, "runtime").find(ACTOR, "init").isEmpty()) {
                throw new WasmLinkException(module.sourceName() + " has no export '" + ACTOR + "#init'; every actor must export it");
            }
            for (Actor.NamedHandler h : handlers) {
                h.handler().bindExports(exportsFor(actor, instance, h.type()));
            }
            for (Actor.NamedHandler h : handlers) {
                h.handler().start(actor.handle());
            }
            // init runs here, before the mailbox thread starts, so it precedes any message handlers deliver
            await(actor.callBeforeMailbox(instance.export(actorInterface, "init"), actorInterface.function("init").orElseThrow(),
                    WitValue.TupleValue.of(new WitValue.Str(id))));
            actor.startMailbox();
            actor.running();
            return actor;
        } catch (TheaterException e) {
            // engine, ABI, chain and handler errors do not know the actor: it is added here, and the caller
            // catches the specific type
            e.forActor(id);
            actor.stop("failed to start: " + e.describe());
            throw e;
        } catch (RuntimeException | Error e) {
            // a provider's bug, or the JVM short of memory or stack: whatever it was, release what the start
            // took (the chain file, the memory, the handlers) and say what happened
            actor.stop("failed to start: " + e);
            throw new TheaterException(TheaterException.Phase.RUNTIME, id, "failed to start: " + e, e);
        }
    }

    private List<Actor.NamedHandler> createHandlers(String id, ActorManifest manifest) {
        List<Actor.NamedHandler> handlers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (HandlerSpec spec : manifest.handlers()) {
            String where = manifest.source() + ":" + spec.line();
            if (!seen.add(spec.type())) {
                throw new HandlerException(where + ": handler type '" + spec.type() + "' is listed twice");
            }
            HandlerProvider provider = catalog.provider(spec.type()).orElseThrow(() -> new HandlerException(where
                    + ": unknown handler type '" + spec.type() + "'; known types are " + catalog.types().stream().sorted().toList()));
            HandlerConfig config = new HandlerConfig(spec.type(), spec.config(), where);
            Path folder = manifest.baseDir();
            HandlerContext context = new HandlerContext() {
                public String actorId() {
                    return id;
                }

                public HandlerConfig config() {
                    return config;
                }

                public Path manifestDirectory() {
                    return folder;
                }

                public RuntimeServices runtime() {
                    return services;
                }
            };
            handlers.add(new Actor.NamedHandler(spec.type(), create(provider, context, where)));
        }
        return handlers;
    }

    /** Every function import must belong to an interface a listed handler implements, and to a function it defined. */
    private void checkPermissions(String id, CompiledModule module, List<Actor.NamedHandler> handlers,
                                  RecordingHostLinker linked) {
        List<String> listed = handlers.stream().map(Actor.NamedHandler::type).toList();
        for (FunctionImport imp : module.functionImports()) {
            String iface = WitInterfaceName.unversioned(imp.module());
            String owner = linked.providedInterfaces().get(iface);
            if (owner != null) {
                if (!linked.defines(iface, imp.name())) {
                    throw new HandlerException("import '" + iface + "." + imp.name() + "' is not"
                            + " implemented by handler '" + owner + "', which provides " + iface);
                }
                continue;
            }
            String hint = catalog.providerOfImport(iface)
                    .map(p -> "add [[handlers]] type = \"" + p.type() + "\"")
                    .orElse("no known handler provides interface '" + iface + "'");
            throw new HandlerException("import '" + iface + "." + imp.name() + "' has no handler;"
                    + " the manifest lists " + listed + "; " + hint);
        }
    }

    private ActorExports exportsFor(Actor actor, WitInstance instance, String handlerType) {
        return new ActorExports() {
            @Override
            public Optional<ActorExport> find(String witInterface, String function) {
                Optional<WitInterface> iface = universe.find(witInterface);
                if (iface.isEmpty() || iface.get().function(function).isEmpty()) {
                    return Optional.empty();
                }
                // a version suffix on the interface is accepted, as on imports (theater:simple/actor@0.1.0#init)
                boolean exported = instance.core().module().functionExports().stream()
                        .anyMatch(e -> exportOf(e.name(), witInterface, function));
                return exported ? Optional.of(actor.exportHandle(iface.get(), function)) : Optional.empty();
            }

            @Override
            public ActorExport require(String witInterface, String function) {
                return find(witInterface, function).orElseThrow(() -> new HandlerException(
                        "handler '" + handlerType + "' needs the export '" + witInterface + "#" + function
                        + "', which " + instance.core().module().sourceName() + " does not have"));
            }
        };
    }

    /** Whether {@code exportName} is {@code <witInterface>[@version]#<function>}. */
    private static boolean exportOf(String exportName, String witInterface, String function) {
        int hash = exportName.lastIndexOf('#');
        return hash > 0 && exportName.substring(hash + 1).equals(function)
                && WitInterfaceName.unversioned(exportName.substring(0, hash)).equals(witInterface);
    }

    /** {@code {"reason":"<manifest>"}}, and {@code "parent":"<id>"} for a child. */
    private static byte[] startingJson(String manifest, Optional<String> parentId) {
        if (parentId.isEmpty()) {
            return Actor.reasonJson(manifest);
        }
        return dev.theater.chain.json.WitJson.object(List.of("reason", "parent"),
                List.of(dev.theater.api.wit.WitType.Primitive.STRING, dev.theater.api.wit.WitType.Primitive.STRING),
                List.of(new WitValue.Str(manifest), new WitValue.Str(parentId.get())));
    }

    /**
     * Creates a handler; a provider that throws something other than a Theater error (a linkage error or a stack
     * overflow included) or returns null is named with what it did.
     */
    private static Handler create(HandlerProvider provider, HandlerContext context, String where) {
        Handler handler;
        try {
            handler = provider.create(context);
        } catch (TheaterException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw new HandlerException(where + ": handler '" + context.config().handlerType() + "' could not be created: " + e, e);
        }
        if (handler == null) {
            throw new HandlerException(where + ": handler '" + context.config().handlerType() + "' could not be created:"
                    + " create() of provider " + provider.getClass().getName() + " returned null");
        }
        return handler;
    }

    /** init's outcome: it ran on this thread, so its future is already complete. */
    private static void await(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TheaterException(TheaterException.Phase.CALL, "interrupted while waiting for init", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TheaterException te) {
                throw te;
            }
            throw new TheaterException(TheaterException.Phase.CALL, "init failed: " + e.getCause(), e.getCause());
        }
    }
}
