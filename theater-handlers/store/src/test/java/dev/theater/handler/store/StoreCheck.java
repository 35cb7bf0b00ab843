package dev.theater.handler.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every invariant of one store on disk, checked from outside the runtime: it opens (a crash's temporary files are
 * removed), every content's bytes hash to its name, the size count is the sum of the contents, and every label file
 * is whole and names only content that is there.
 *
 * @param id       the store
 * @param contents every content ref it holds
 * @param labels   every label with the refs it names, oldest first
 * @param bytes    the size of its content
 * @param problems what does not hold (empty: all is well)
 */
record StoreCheck(String id, List<String> contents, Map<String, List<String>> labels, long bytes, List<String> problems) {

    static StoreCheck of(Path root, String id) {
        List<String> problems = new ArrayList<>();
        ContentStore store;
        try {
            store = ContentStore.open(root, id);
        } catch (StoreException e) {
            return new StoreCheck(id, List.of(), Map.of(), 0, List.of("does not open: " + e.getMessage()));
        }
        try (Stream<Path> left = Files.list(store.folder().resolve("tmp"))) {
            left.forEach(f -> problems.add("a temporary file is left after open: " + f.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> contents = store.contents();
        long sum = 0;
        for (String hash : contents) {
            try {
                sum += store.get(hash, Integer.MAX_VALUE - 8).length;
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
        }
        if (sum != store.totalBytes()) {
            problems.add("its size count is " + store.totalBytes() + " but its contents add up to " + sum);
        }
        Map<String, List<String>> labels = new TreeMap<>();
        try {
            for (String label : store.labels()) {
                List<String> refs = store.refs(label);
                labels.put(label, refs);
                if (refs.stream().distinct().count() != refs.size()) {
                    problems.add("label '" + label + "' names a content twice: " + refs);
                }
                for (String ref : refs) {
                    if (!contents.contains(ref)) {
                        problems.add("label '" + label + "' names content " + ref + ", which is not there");
                    }
                }
            }
        } catch (StoreException e) {
            problems.add(e.getMessage());
        }
        return new StoreCheck(id, contents, labels, sum, problems);
    }

    /** The store ids under {@code root} that are stores (a folder without its {@code store.json} is not one). */
    static List<String> storesUnder(Path root) {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("store.json"))).map(f -> f.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
