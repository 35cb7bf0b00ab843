package dev.theater.core;

import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The child manifests a runtime has parsed, so that a parent spawning many children from one manifest parses it
 * once. An entry is used again only while everything it was read from is unchanged: for a manifest file, the
 * file's size and modification time; for manifest text, the same text; and in both cases the {@code init_state}
 * file's. At most {@value #ENTRIES} entries, the least recently used go first.
 */
final class ManifestCache {

    static final int ENTRIES = 256;

    private record Key(String manifest, Path root, String source) {}

    /** A file's identity for this cache: size and modification time (a stat, not a read). */
    private record Stamp(long size, long modified) {
        static Optional<Stamp> of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new Stamp(a.size(), a.lastModifiedTime().toMillis()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private record Parsed(ActorManifest manifest, Optional<Stamp> file, Optional<Stamp> initState) {}

    private final Map<Key, Parsed> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Parsed> eldest) {
            return size() > ENTRIES;
        }
    };

    /** {@link ManifestParser#parseConfined}, from the cache while nothing it read has changed. */
    ActorManifest parseConfined(String manifest, String source, Path root) {
        Key key = new Key(manifest, root, source);
        boolean text = manifest.indexOf('\n') >= 0 || manifest.indexOf('=') >= 0;
        Optional<Path> file = text ? Optional.empty() : Optional.of(root.toAbsolutePath().normalize().resolve(manifest).normalize());
        Parsed cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null && Objects.equals(cached.file(), file.flatMap(Stamp::of))
                && Objects.equals(cached.initState(), cached.manifest().initState().flatMap(s -> Stamp.of(s.path())))) {
            return cached.manifest();
        }
        Optional<Stamp> fileStamp = file.flatMap(Stamp::of); // before the read: a change meanwhile only misses
        ActorManifest parsed = ManifestParser.parseConfined(manifest, source, root);
        Parsed entry = new Parsed(parsed, fileStamp, parsed.initState().flatMap(s -> Stamp.of(s.path())));
        synchronized (entries) {
            entries.put(key, entry);
        }
        return parsed;
    }
}
