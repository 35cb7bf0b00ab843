package dev.theater.core;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.core.manifest.ActorLimits;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.HandlerSpec;
import dev.theater.core.manifest.ManifestException;
import dev.theater.core.plugin.HandlerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child never gets more than its parent. The manifest a parent hands its supervisor is confined to the
 * parent's folder when it is parsed ({@code ManifestParser.parseConfined}); here it is checked against the
 * parent's manifest: only handler types the parent has, each configured no wider than the parent's (as the
 * handler's provider judges), and limits no larger. A limit the child leaves out is the smaller of the default
 * and the parent's. Refusals name the child manifest's line and key.
 */
final class ChildManifests {

    private ChildManifests() {
    }

    static ActorManifest confine(ActorManifest child, ActorManifest parent, HandlerRegistry registry) {
        for (HandlerSpec spec : child.handlers()) {
            List<HandlerSpec> granted = parent.handlers(spec.type());
            if (granted.isEmpty()) {
                throw new ManifestException(child.source(), spec.line(), "handler type '" + spec.type() + "' is not one"
                        + " its parent has; the parent has " + parent.handlers().stream().map(HandlerSpec::type).toList()
                        + " (a child never gets more than its parent)");
            }
            Optional<HandlerProvider> provider = registry.provider(spec.type());
            if (provider.isPresent()) {
                HandlerConfig parentConfig = new HandlerConfig(spec.type(), granted.getFirst().config(),
                        parent.source() + ":" + granted.getFirst().line());
                HandlerConfig childConfig = new HandlerConfig(spec.type(), spec.config(), child.source() + ":" + spec.line());
                provider.get().widens(parentConfig, childConfig).ifPresent(why -> {
                    throw new ManifestException(child.source(), spec.line(), "handler '" + spec.type() + "': " + why
                            + " (a child never gets more than its parent)");
                });
            }
        }
        return withLimits(child, narrowed(child, parent.limits()));
    }

    private static ActorLimits narrowed(ActorManifest child, ActorLimits parent) {
        ActorLimits asked = child.limits();
        Map<String, Integer> set = child.limitLines();
        return new ActorLimits(
                (int) limit(child, set, "max_memory_pages", asked.maxMemoryPages(), parent.maxMemoryPages()),
                Duration.ofMillis(limit(child, set, "call_timeout_ms", asked.callTimeout().toMillis(),
                        parent.callTimeout().toMillis())),
                (int) limit(child, set, "mailbox_capacity", asked.mailboxCapacity(), parent.mailboxCapacity()),
                Duration.ofMillis(limit(child, set, "mailbox_wait_ms", asked.mailboxWait().toMillis(),
                        parent.mailboxWait().toMillis())));
    }

    private static long limit(ActorManifest child, Map<String, Integer> set, String key, long asked, long parent) {
        if (set.containsKey(key) && asked > parent) {
            throw new ManifestException(child.source(), set.get(key), "'limits." + key + "' = " + asked
                    + " is more than its parent's " + parent + " (a child never gets more than its parent)");
        }
        return Math.min(asked, parent);
    }

    private static ActorManifest withLimits(ActorManifest m, ActorLimits limits) {
        return new ActorManifest(m.name(), m.wasm(), m.version(), m.description(), m.longDescription(), m.saveChain(),
                m.initState(), m.handlers(), limits, m.limitLines(), m.source(), m.baseDir());
    }
}
