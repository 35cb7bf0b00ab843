package dev.theater.handler.store;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store handler of one actor: the fourteen {@code theater:simple/store} functions over the stores in this
 * actor's stores folder. Every failure the actor should handle (a malformed or unknown store id, missing content,
 * an unknown label, a quota, corrupt bytes, an I/O error) is an {@code err} naming what it was about; the runtime
 * records every call with its arguments and result.
 */
final class StoreHandler implements Handler {

    private final String actorId;
    private final StoreConfig config;
    private final Path root;
    private final Stores stores;

    StoreHandler(String actorId, StoreConfig config, Path root, Stores stores) {
        this.actorId = actorId;
        this.config = config;
        this.root = root;
        this.stores = stores;
    }

    @Override
    public void link(HostLinker linker) {
        String iface = StoreHandlerProvider.INTERFACE;
        linker.define(iface, "new", args -> result(() -> new Str(stores.create(root, actorId).id())))
                .define(iface, "store", args -> result(() -> ref(store(args).put(content(args.get(1)), config.maxBytes()))))
                .define(iface, "get", args -> result(() -> new Bytes(store(args).get(ref(args.get(1)),
                        config.maxContentBytes()))))
                .define(iface, "exists", args -> result(() -> new Bool(store(args).exists(ref(args.get(1))))))
                .define(iface, "label", args -> result(() -> {
                    store(args).label(str(args.get(1)), ref(args.get(2)));
                    return null;
                }))
                .define(iface, "get-by-label", args -> result(() -> new OptionValue(store(args).latest(str(args.get(1)))
                        .map(StoreHandler::ref))))
                .define(iface, "remove-label", args -> result(() -> {
                    store(args).removeLabel(str(args.get(1)));
                    return null;
                }))
                .define(iface, "remove-from-label", args -> result(() -> {
                    store(args).removeFromLabel(str(args.get(1)), ref(args.get(2)));
                    return null;
                }))
                .define(iface, "store-at-label", args -> result(() -> ref(store(args).putAtLabel(str(args.get(1)),
                        content(args.get(2)), false, config.maxBytes()))))
                .define(iface, "replace-content-at-label", args -> result(() -> ref(store(args).putAtLabel(
                        str(args.get(1)), content(args.get(2)), true, config.maxBytes()))))
                .define(iface, "replace-at-label", args -> result(() -> {
                    store(args).replaceLabel(str(args.get(1)), ref(args.get(2)));
                    return null;
                }))
                .define(iface, "list-labels", args -> result(() -> new ListValue(store(args).labels().stream()
                        .<WitValue>map(Str::new).toList())))
                .define(iface, "list-all-content", args -> result(() -> new ListValue(store(args).contents().stream()
                        .<WitValue>map(StoreHandler::ref).toList())))
                .define(iface, "calculate-total-size", args -> result(() -> new U64(store(args).totalBytes())));
    }

    /** The store {@code args[0]} names, in this actor's stores folder. */
    private ContentStore store(List<WitValue> args) {
        return stores.open(root, str(args.getFirst()));
    }

    /** The content argument, within {@code max_content_bytes}. */
    private byte[] content(WitValue value) {
        byte[] bytes = ((Bytes) value).value();
        if (bytes.length > config.maxContentBytes()) {
            throw new StoreException("content of " + bytes.length + " bytes is more than max_content_bytes = "
                    + config.maxContentBytes());
        }
        return bytes;
    }

    private static String str(WitValue value) {
        return ((Str) value).value();
    }

    /** The hash of a {@code content-ref} record, checked. */
    private static String ref(WitValue value) {
        return Names.contentRef(str(((RecordValue) value).fields().getFirst()));
    }

    private static RecordValue ref(String hash) {
        return RecordValue.of(new Str(hash));
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err(message)}. */
    private static Optional<WitValue> result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (StoreException e) {
            return Optional.of(ResultValue.err(new Str(e.getMessage())));
        }
    }
}
