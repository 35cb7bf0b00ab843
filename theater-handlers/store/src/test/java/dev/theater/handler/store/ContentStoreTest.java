package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk store itself: layout, hashing, labels, quotas, what a crash leaves, and damaged files. */
class ContentStoreTest {

    @TempDir
    Path root;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> tree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(p -> folder.relativize(p).toString().replace('\\', '/')).filter(s -> !s.isEmpty()).sorted()
                    .toList();
        }
    }

    @Test
    void aNewStoreIsAFolderWithItsRecordAndARandomId() throws Exception {
        ContentStore a = ContentStore.create(root, "actor-1");
        ContentStore b = ContentStore.create(root, "actor-1");
        assertThat(a.id()).matches("[0-9a-f]{32}").isNotEqualTo(b.id());
        assertThat(tree(root.resolve(a.id()))).containsExactly("content", "labels", "store.json", "tmp");
        assertThat(Files.readString(root.resolve(a.id()).resolve("store.json")))
                .startsWith("{\"format\":1,\"id\":\"" + a.id() + "\",\"created_by\":\"actor-1\",\"created_ms\":");
    }

    @Test
    void contentIsKeptByItsSha256AndStoringItTwiceChangesNothing() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        String hash = store.put(utf8("hello"), Long.MAX_VALUE);
        assertThat(hash).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(store.put(utf8("hello"), Long.MAX_VALUE)).isEqualTo(hash);
        assertThat(store.get(hash, 100)).isEqualTo(utf8("hello"));
        assertThat(store.exists(hash)).isTrue();
        assertThat(store.totalBytes()).isEqualTo(5);
        assertThat(tree(store.folder())).containsExactly("content", "content/" + hash, "labels", "store.json", "tmp");
        assertThat(store.put(new byte[0], Long.MAX_VALUE))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.get("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 100)).isEmpty();
    }

    @Test
    void aFlippedByteOnDiskIsAnErrorNamingTheContentNeverWrongBytes() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        String hash = store.put(utf8("hello"), Long.MAX_VALUE);
        Path file = store.folder().resolve("content").resolve(hash);
        byte[] bytes = Files.readAllBytes(file);
        bytes[1] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(() -> store.get(hash, 100)).isInstanceOf(StoreException.class).hasMessage("content " + hash
                + " in store '" + store.id() + "' is corrupt: its 5 bytes hash to " + Names.sha256Hex(utf8("hdllo")));
        // storing the bytes again does not repair a same-size file (its name and size are right) ...
        assertThat(store.put(utf8("hello"), Long.MAX_VALUE)).isEqualTo(hash);
        // ... but a file cut short is replaced by a put of the real bytes, and the size count follows
        Files.write(file, utf8("hel"));
        ContentStore reopened = ContentStore.open(root, store.id());
        assertThat(reopened.totalBytes()).isEqualTo(3);
        reopened.put(utf8("hello"), Long.MAX_VALUE);
        assertThat(reopened.get(hash, 100)).isEqualTo(utf8("hello"));
        assertThat(reopened.totalBytes()).isEqualTo(5);
    }

    @Test
    void missingContentAndMalformedRefsAreErrors() {
        ContentStore store = ContentStore.create(root, "a");
        String absent = Names.sha256Hex(utf8("absent"));
        assertThatThrownBy(() -> store.get(absent, 100)).hasMessage("content " + absent + " is not in store '" + store.id() + "'");
        assertThat(store.exists(absent)).isFalse();
        assertThatThrownBy(() -> store.label("l", absent)).hasMessage("content " + absent + " is not in store '"
                + store.id() + "'");
        assertThatThrownBy(() -> store.get("../../etc/passwd", 100)).hasMessage("content ref '../../etc/passwd' is not a"
                + " SHA-256 hash (64 lowercase hex characters)");
        assertThatThrownBy(() -> store.exists(absent.toUpperCase())).hasMessage("content ref '" + absent.toUpperCase()
                + "' is not a SHA-256 hash (64 lowercase hex characters)");
    }

    @Test
    void getRefusesContentLargerThanTheReadersLimit() {
        ContentStore store = ContentStore.create(root, "a");
        String hash = store.put(new byte[1000], Long.MAX_VALUE);
        assertThatThrownBy(() -> store.get(hash, 999)).hasMessage("content " + hash + " in store '" + store.id()
                + "' is 1000 bytes, more than max_content_bytes = 999");
    }

    @Test
    void aLabelNamesSeveralContentsTheLatestAddedLast() {
        ContentStore store = ContentStore.create(root, "a");
        String one = store.put(utf8("one"), Long.MAX_VALUE);
        String two = store.put(utf8("two"), Long.MAX_VALUE);
        assertThat(store.latest("l")).isEmpty();
        store.label("l", one);
        store.label("l", two);
        assertThat(store.latest("l")).hasValue(two);
        assertThat(store.refs("l")).containsExactly(one, two);
        store.label("l", one); // added again: now the latest, not named twice
        assertThat(store.refs("l")).containsExactly(two, one);
        store.removeFromLabel("l", one);
        assertThat(store.latest("l")).hasValue(two);
        assertThatThrownBy(() -> store.removeFromLabel("l", one)).hasMessage("label 'l' in store '" + store.id()
                + "' does not name content " + one);
        store.removeFromLabel("l", two); // the last one: the label goes
        assertThat(store.labels()).isEmpty();
        assertThatThrownBy(() -> store.removeFromLabel("l", two)).hasMessage("label 'l' is not in store '" + store.id() + "'");
        store.label("l", one);
        store.label("l", two);
        store.replaceLabel("l", one);
        assertThat(store.refs("l")).containsExactly(one);
        store.removeLabel("l");
        assertThat(store.latest("l")).isEmpty();
        assertThatThrownBy(() -> store.removeLabel("l")).hasMessage("label 'l' is not in store '" + store.id() + "'");
        assertThat(store.exists(one)).isTrue(); // content stays
    }

    @Test
    void listsAreInTheirDocumentedOrder() {
        ContentStore store = ContentStore.create(root, "a");
        List<String> hashes = new ArrayList<>();
        for (String s : new String[] {"c", "a", "b", "d"}) {
            hashes.add(store.put(utf8(s), Long.MAX_VALUE));
        }
        for (String label : new String[] {"zeta", "Alpha", "alpha", "\u00e9t\u00e9", "\uD83D\uDE00", "\uFFFD", "a"}) {
            store.label(label, hashes.getFirst());
        }
        assertThat(store.contents()).isEqualTo(hashes.stream().sorted().toList());
        // UTF-8 byte order = code point order: U+FFFD comes before U+1F600, unlike Java's UTF-16 order
        assertThat(store.labels()).containsExactly("Alpha", "a", "alpha", "zeta", "\u00e9t\u00e9", "\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void labelsNeverBecomePathsAndHostileStoreIdsAreRefused() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        String hash = store.put(utf8("x"), Long.MAX_VALUE);
        List<String> hostile = List.of("../../escape", "/etc/passwd", "a/b", "nul\0byte", "..", ".", "x".repeat(1024),
                "\\windows\\path", "label\nwith newline");
        for (String label : hostile) {
            store.label(label, hash);
            assertThat(store.latest(label)).hasValue(hash);
        }
        assertThat(store.labels()).containsExactlyInAnyOrderElementsOf(hostile);
        assertThatThrownBy(() -> store.label("x".repeat(1025), hash)).hasMessage("label '" + "x".repeat(80)
                + "'...(1025 chars) is 1025 bytes long; a label is at most 1024 bytes (UTF-8)");
        assertThatThrownBy(() -> store.label("", hash)).hasMessage("a label may not be empty");
        Stores stores = new Stores();
        for (String id : List.of("../" + store.id(), "/", "", "a\0b", store.id() + "/..", store.id().toUpperCase(),
                "0".repeat(33), "0".repeat(10_000))) {
            assertThatThrownBy(() -> stores.open(root, id)).isInstanceOf(StoreException.class)
                    .hasMessageEndingWith(" is not a store id (a store id is the 32 lowercase hex characters that new"
                            + " returned)");
        }
        assertThatThrownBy(() -> stores.open(root, "a\0b")).hasMessage("'a\\u0000b' is not a store id (a store id is the"
                + " 32 lowercase hex characters that new returned)");
        // nothing but the store's own files, each label a hash-named file
        for (String path : tree(root)) {
            assertThat(path).matches("[0-9a-f]{32}(/(store\\.json|tmp|content|labels|(content|labels)/[0-9a-f]{64}))?");
        }
        assertThat(tree(root).stream().filter(p -> p.contains("/labels/")).count()).isEqualTo(hostile.size());
    }

    @Test
    void aWritePastTheQuotaIsAnErrorAndChangesNothing() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        store.put(new byte[600], 1000);
        List<String> before = tree(store.folder());
        assertThatThrownBy(() -> store.put(new byte[401], 1000)).hasMessage("store '" + store.id() + "' holds 600 bytes;"
                + " adding 401 would make 1001, more than its quota max_bytes = 1000");
        assertThat(tree(store.folder())).isEqualTo(before);
        assertThat(store.totalBytes()).isEqualTo(600);
        store.put(new byte[400], 1000); // exactly the quota
        assertThat(store.totalBytes()).isEqualTo(1000);
        assertThat(store.put(new byte[600], 1000)).isNotNull(); // already there: no new bytes
    }

    @Test
    void openingAStoreRemovesTheTemporaryFilesACrashLeftAndCountsItsContent() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        store.put(new byte[10], Long.MAX_VALUE);
        store.put(new byte[20], Long.MAX_VALUE);
        Files.write(store.folder().resolve("tmp").resolve("0123.tmp"), new byte[5]); // a write cut by a kill
        Files.write(store.folder().resolve("content").resolve("not-a-hash"), new byte[7]); // not ours: not counted
        ContentStore reopened = ContentStore.open(root, store.id());
        assertThat(tree(reopened.folder().resolve("tmp"))).isEmpty();
        assertThat(reopened.totalBytes()).isEqualTo(30);
        assertThat(reopened.contents()).hasSize(2);
    }

    @Test
    void aFolderWithoutItsStoreRecordIsNoStore() throws Exception {
        String id = "0".repeat(32);
        Files.createDirectories(root.resolve(id).resolve("content")); // what a kill inside new leaves
        assertThatThrownBy(() -> ContentStore.open(root, id)).hasMessage("store '" + id + "' does not exist");
        assertThatThrownBy(() -> ContentStore.open(root, "1".repeat(32))).hasMessage("store '" + "1".repeat(32)
                + "' does not exist");
    }

    @Test
    void aStoreWhoseEmptyFoldersAreMissingOpensAndMakesThem() throws Exception {
        // what a checkout of a committed store holds (git keeps no empty folders): examples/http-counter/store/
        String id = "336197e420993ece7743ec237b77e66a";
        Files.createDirectories(root.resolve(id));
        Files.writeString(root.resolve(id).resolve("store.json"), "{\"format\":1,\"id\":\"" + id
                + "\",\"created_by\":\"counter\",\"created_ms\":1796206364924}");
        ContentStore store = ContentStore.open(root, id);
        assertThat(tree(store.folder())).containsExactly("content", "labels", "store.json", "tmp");
        assertThat(store.latest("count")).isEmpty();
        assertThat(store.labels()).isEmpty();
        assertThat(store.contents()).isEmpty();
        String hash = store.putAtLabel("count", utf8("{\"count\":1}"), true, Long.MAX_VALUE);
        assertThat(ContentStore.open(root, id).latest("count")).contains(hash);
        assertThat(ContentStore.open(root, id).totalBytes()).isEqualTo(11);
    }

    @Test
    void aDamagedLabelFileIsAnErrorNamingItNeverAWrongRef() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        String hash = store.put(utf8("x"), Long.MAX_VALUE);
        store.label("notes", hash);
        String name = Names.sha256Hex(utf8("notes"));
        Path file = store.folder().resolve("labels").resolve(name);
        String text = Files.readString(file);
        assertThat(text).isEqualTo("{\"label\":\"notes\",\"refs\":[\"" + hash + "\"]}\n"
                + Names.sha256Hex(utf8("{\"label\":\"notes\",\"refs\":[\"" + hash + "\"]}")) + "\n");
        Files.writeString(file, text.replace(hash.substring(0, 4), "ffff"));
        String corrupt = "label file labels/" + name + " in store '" + store.id() + "' is corrupt: ";
        assertThatThrownBy(() -> store.latest("notes")).hasMessage(corrupt + "its checksum does not match its contents");
        assertThatThrownBy(store::labels).hasMessage(corrupt + "its checksum does not match its contents");
        assertThatThrownBy(() -> store.label("notes", hash)).hasMessage(corrupt + "its checksum does not match its contents");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> store.latest("notes")).hasMessage(corrupt + "it does not end with a checksum line");
        // a label file renamed onto another label's name
        store.label("other", hash);
        Files.copy(store.folder().resolve("labels").resolve(Names.sha256Hex(utf8("other"))), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.latest("notes")).hasMessage(corrupt + "it holds label 'other', whose file has"
                + " another name");
        store.removeLabel("notes"); // a damaged label can still be removed
        assertThat(store.labels()).containsExactly("other");
        assertThat(store.latest("notes")).isEqualTo(Optional.empty());
    }

    @Test
    void storeAtLabelRefusesALabelThatCannotTakeTheContentBeforeStoringIt() throws Exception {
        ContentStore store = ContentStore.create(root, "a");
        String first = store.put(utf8("first"), Long.MAX_VALUE);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < LabelFile.MAX_REFS - 1; i++) {
            refs.add(Names.sha256Hex(utf8("ref " + i)));
        }
        refs.add(first);
        Files.write(store.folder().resolve("labels").resolve(Names.sha256Hex(utf8("full"))),
                new LabelFile("full", refs).encode());
        String full = "label 'full' in store '" + store.id() + "' names 10000 contents, the most a label names";
        assertThatThrownBy(() -> store.putAtLabel("full", utf8("more"), false, Long.MAX_VALUE)).hasMessage(full);
        assertThatThrownBy(() -> store.label("full", store.put(utf8("other"), Long.MAX_VALUE))).hasMessage(full);
        assertThat(store.exists(Names.sha256Hex(utf8("more")))).isFalse();
        assertThat(store.putAtLabel("full", utf8("first"), false, Long.MAX_VALUE)).isEqualTo(first); // named already
        assertThat(store.refs("full").getLast()).isEqualTo(first);
        assertThat(store.putAtLabel("full", utf8("more"), true, Long.MAX_VALUE)).isNotNull(); // replacing: fits
        assertThat(store.refs("full")).containsExactly(Names.sha256Hex(utf8("more")));

        Path damaged = store.folder().resolve("labels").resolve(Names.sha256Hex(utf8("damaged")));
        Files.writeString(damaged, "not a label file");
        assertThatThrownBy(() -> store.putAtLabel("damaged", utf8("unstored"), true, Long.MAX_VALUE))
                .hasMessageEndingWith("is corrupt: it does not end with a checksum line");
        assertThat(store.exists(Names.sha256Hex(utf8("unstored")))).isFalse();
    }
}
