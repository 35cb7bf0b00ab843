package dev.theater.handler.store;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The stores one runtime has opened, one {@link ContentStore} per store folder, so that every actor of the runtime
 * using a store shares its lock and its size count. A store is opened (temporary files removed, size added up) the
 * first time an actor of this runtime names it.
 */
final class Stores {

    private final ConcurrentMap<Path, ContentStore> open = new ConcurrentHashMap<>();

    /** A new store under {@code root}, made by actor {@code createdBy}. */
    ContentStore create(Path root, String createdBy) {
        ContentStore store = ContentStore.create(root, createdBy);
        open.put(store.folder(), store);
        return store;
    }

    /** Store {@code id} under {@code root}; a {@link StoreException} if the id is malformed or there is no such store. */
    ContentStore open(Path root, String id) {
        Path folder = root.resolve(Names.storeId(id));
        ContentStore store = open.get(folder);
        if (store != null) {
            return store;
        }
        return open.computeIfAbsent(folder, f -> ContentStore.open(root, id)); // a failure caches nothing
    }
}
