package dev.theater.core.plugin;

import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.HostFunction;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.api.wit.WitValue;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Uses a provider the way the runtime will: creates the handler of one actor, links it, calls a host function. */
final class ProviderDriver {

    private ProviderDriver() {
    }

    /** Calls {@code witInterface.greet(name)} on a fresh handler configured with {@code greeting = "hi"}. */
    static String greet(HandlerProvider provider, String witInterface, String name) {
        HandlerContext context = new HandlerContext() {
            @Override public String actorId() {
                return "actor-1";
            }

            @Override public HandlerConfig config() {
                return new HandlerConfig(provider.type(), Map.of("greeting", "hi"), "actor.toml:4");
            }

            @Override public Path manifestDirectory() {
                return Path.of(".");
            }

            @Override public RuntimeServices runtime() {
                return new RuntimeServices() {
                    @Override public Optional<ActorHandle> actor(String actorId) {
                        return Optional.empty();
                    }

                    @Override public Set<String> actorIds() {
                        return Set.of();
                    }

                    @Override public Path home() {
                        return Path.of(".");
                    }

                    @Override public dev.theater.api.handler.Supervision supervision() {
                        throw new UnsupportedOperationException("plugin tests do not supervise");
                    }
                };
            }
        };
        Map<String, HostFunction> linked = new HashMap<>();
        provider.create(context).link(new HostLinker() {
            @Override public HostLinker define(String iface, String function, HostFunction implementation) {
                linked.put(iface + "." + function, implementation);
                return this;
            }
        });
        HostFunction greet = linked.get(witInterface + ".greet");
        Optional<WitValue> result = greet.call(List.of(new WitValue.Str(name)));
        return ((WitValue.Str) result.orElseThrow()).value();
    }
}
