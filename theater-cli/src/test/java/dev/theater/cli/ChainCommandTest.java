package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonWriter;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.chain.json.ChainJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code theater chain list/show/verify/export/import} on the chains a real {@code theater run} of the hello and
 * ping-pong examples leaves in a home, on tampered copies of them, and on the Rust Theater export fixtures.
 */
class ChainCommandTest {

    static final Path ROOT = RunCommandTest.ROOT;
    static final Path RUST = ROOT.resolve("theater-chain/src/test/resources/dev/theater/chain/interop");

    @TempDir
    static Path shared;
    /** The home the examples ran in, once for the class; tests that change chains work on copies. */
    static Path home;

    @TempDir
    Path dir;

    /** What one command printed and its exit status. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result theater(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(Stream.of(args).map(Object::toString).toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void runTheExamples() {
        home = shared.resolve("home");
        Result run = theater("run", "--home", home, "--plugins", RunCommandTest.PLUGINS, "--interpreter",
                "--send", "hello={\"text\":\"hi\"}", "--exit-after", "300ms",
                ROOT.resolve("examples/ping-pong/pong.toml"), ROOT.resolve("examples/ping-pong/ping.toml"),
                ROOT.resolve("examples/hello/hello.toml"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(ChainStore.builder().home(home).build().actorIds()).containsExactly("hello", "ping", "pong");
    }

    static Path chainOf(Path home, String actor) {
        return home.resolve("chains").resolve(actor + ".chain");
    }

    static List<ChainEvent> events(String actor) {
        return ChainStore.readFile(chainOf(home, actor));
    }

    /** A copy of the shared home, to damage or add to. */
    private Path copyOfHome() throws IOException {
        Path copy = dir.resolve("home");
        Files.createDirectories(copy.resolve("chains"));
        for (String actor : List.of("hello", "ping", "pong")) {
            Files.copy(chainOf(home, actor), chainOf(copy, actor));
        }
        return copy;
    }

    /**
     * Flips a bit of event {@code index}'s stored hash and recomputes the record's body checksum, so that the
     * record reads well and the hash check must catch it.
     */
    static void tamperHash(Path chain, int index) throws IOException {
        byte[] b = Files.readAllBytes(chain);
        ByteBuffer buf = ByteBuffer.wrap(b);
        int pos = 8;
        for (int i = 0; i < index; i++) {
            pos += 12 + buf.getInt(pos);
        }
        int n = buf.getInt(pos);
        b[pos + 12] ^= 0x01;
        CRC32C crc = new CRC32C();
        crc.update(b, pos + 12, n);
        buf.putInt(pos + 8, (int) crc.getValue());
        Files.write(chain, b);
    }

    @Test
    void listsEveryChainWithItsEventsTimesAndStatus() {
        Result r = theater("chain", "list", "--home", home);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(home.resolve("chains") + ":");
        assertThat(lines.get(1).split(" +")).containsExactly("ACTOR", "EVENTS", "FIRST", "LAST", "STATUS");
        for (int i = 0; i < 3; i++) {
            String actor = List.of("hello", "ping", "pong").get(i);
            List<ChainEvent> events = events(actor);
            assertThat(lines.get(2 + i).split(" +")).containsExactly(actor, Integer.toString(events.size()),
                    EventText.TIME.format(events.getFirst().time()), EventText.TIME.format(events.getLast().time()), "ok");
        }
        // the columns line up
        assertThat(lines.subList(1, 5)).extracting(l -> l.indexOf(l.split(" +")[4])).containsOnly(
                lines.get(1).indexOf("STATUS"));
    }

    @Test
    void listsAnEmptyHomeAsHavingNoChains() {
        Result r = theater("chain", "list", "--home", dir);

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("no chains under " + dir.resolve("chains") + "\n");
    }

    @Test
    void showsEveryEventOnALineWithItsDecodedData() {
        Result r = theater("chain", "show", "--home", home, "hello");

        assertThat(r.exit()).as(r.err()).isZero();
        List<ChainEvent> events = events("hello");
        List<String> lines = r.lines();
        assertThat(lines).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            ChainEvent e = events.get(i);
            assertThat(lines.get(i)).startsWith(i + "  " + EventText.TIME.format(e.time()) + "  " + e.eventType() + "  "
                    + e.description().map(d -> "\"" + d + "\"").orElse("-") + "  ");
        }
        assertThat(lines.getFirst()).matches("0  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  .*");
        // the payloads as JSON: what the actor logged, and the message it was sent
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                "\\d+  \\S+  theater:simple/runtime/log  -  \\{\"args\":\\{\"msg\":\"hello from hello\"}}"));
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(
                "{\"args\":{\"msg\":\"got: {\\\"text\\\":\\\"hi\\\"}\"}}"));
    }

    @Test
    void filtersByTypePrefixesAndTime() {
        List<ChainEvent> events = events("hello");
        List<String> logs = theater("chain", "show", "--home", home, "hello", "--type", "theater:simple/runtime/")
                .lines();
        assertThat(logs).hasSize((int) events.stream().filter(e -> e.eventType().startsWith("theater:simple/runtime/"))
                .count()).isNotEmpty().allSatisfy(l -> assertThat(l.split("  ")[2]).startsWith("theater:simple/runtime/"));

        List<String> two = theater("chain", "show", "--home", home, "hello", "--type", "lifecycle/", "--type", "wasm")
                .lines();
        assertThat(two).extracting(l -> l.split("  ")[2]).containsExactlyElementsOf(events.stream()
                .map(ChainEvent::eventType).filter(t -> t.startsWith("lifecycle/") || t.startsWith("wasm")).toList());
        assertThat(two).extracting(l -> l.split("  ")[2]).contains("wasm", "lifecycle/running");

        assertThat(theater("chain", "show", "--home", home, "hello", "--since", "1h").lines()).hasSameSizeAs(events);
        assertThat(theater("chain", "show", "--home", home, "hello", "--since", "2999-01-01").lines()).isEmpty();
        assertThat(theater("chain", "show", "--home", home, "hello", "--until", "2000-01-01T00:00:00Z").lines())
                .isEmpty();

        // --since is inclusive, --until exclusive, both to the millisecond
        ChainEvent last = events.getLast();
        String at = EventText.TIME.format(last.time());
        long atOrAfter = events.stream().filter(e -> e.timestamp() >= last.timestamp()).count();
        List<String> since = theater("chain", "show", "--home", home, "hello", "--since", at).lines();
        assertThat(since).hasSize((int) atOrAfter);
        assertThat(since.getLast()).startsWith((events.size() - 1) + "  ");
        assertThat(theater("chain", "show", "--home", home, "hello", "--until", at).lines())
                .hasSize(events.size() - (int) atOrAfter);

        Result bad = theater("chain", "show", "--home", home, "hello", "--since", "yesterday");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("theater: --since must be an ISO-8601 time (2025-06-01T10:00:00Z), a date"
                + " (2025-06-01) or a duration ago (90s, 10m, 2h, 3d), was 'yesterday'\n");
        Result empty = theater("chain", "show", "--home", home, "hello", "--since", "2025-06-02", "--until",
                "2025-06-01");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("theater: --since 2025-06-02 is after --until 2025-06-01\n");
    }

    @Test
    void showsJsonLinesWithTheDataDecoded() {
        Result r = theater("chain", "show", "--home", home, "hello", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<ChainEvent> events = events("hello");
        List<String> lines = r.lines();
        assertThat(lines).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            ChainEvent e = events.get(i);
            JObject o = (JObject) JsonReader.parse(lines.get(i));
            assertThat(o.members().keySet()).containsExactly("index", "time", "timestamp", "event_type",
                    "description", "hash", "parent_hash", "data");
            assertThat(o.get("index")).contains(new JsonValue.JNumber(Integer.toString(i)));
            assertThat(o.get("timestamp")).contains(new JsonValue.JNumber(Long.toString(e.timestamp())));
            assertThat(o.get("event_type")).contains(new JsonValue.JString(e.eventType()));
            assertThat(o.get("hash")).contains(new JsonValue.JString(e.hash().hex()));
            // the payload itself, decoded (compared as written compactly: parsed objects carry their offset)
            assertThat(o.get("data").map(JsonWriter::write)).contains(e.dataLength() == 0 ? "null" : e.dataAsString());
        }
        Result both = theater("chain", "show", "--home", home, "hello", "--json", "--pretty");
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("theater: --json and --pretty cannot be combined\n");
    }

    @Test
    void prettyPrintsTheDataUnderEachEvent() {
        Result r = theater("chain", "show", "--home", home, "hello", "--pretty", "--type", "theater:simple/runtime/log");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.lines()).contains("    {", "      \"args\": {", "        \"msg\": \"hello from hello\"", "      }",
                "    }");
    }

    @Test
    void showsAJsonExportAsItShowsTheChain() throws IOException {
        Path export = dir.resolve("hello.json");
        assertThat(theater("chain", "export", "--home", home, "hello", "-o", export).exit()).isZero();

        assertThat(theater("chain", "show", export).out()).isEqualTo(theater("chain", "show", "--home", home, "hello").out());
        Result verified = theater("chain", "verify", export);
        assertThat(verified.exit()).isZero();
        assertThat(verified.out()).isEqualTo(export + ": " + events("hello").size() + " events verified\n");
        assertThat(theater("chain", "show", chainOf(home, "hello")).out())
                .isEqualTo(theater("chain", "show", "--home", home, "hello").out());
    }

    @Test
    void verifiesOneChainEveryChainAndAFile() {
        Result one = theater("chain", "verify", "--home", home, "ping");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("chain of ping: " + chainOf(home, "ping") + ": " + events("ping").size()
                + " events verified\n");

        Result all = theater("chain", "verify", "--home", home, "--all");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.lines()).containsExactly(
                "chain of hello: " + chainOf(home, "hello") + ": " + events("hello").size() + " events verified",
                "chain of ping: " + chainOf(home, "ping") + ": " + events("ping").size() + " events verified",
                "chain of pong: " + chainOf(home, "pong") + ": " + events("pong").size() + " events verified");

        Result file = theater("chain", "verify", chainOf(home, "pong"));
        assertThat(file.exit()).isZero();
        assertThat(file.out()).isEqualTo(chainOf(home, "pong") + ": " + events("pong").size() + " events verified\n");

        Result none = theater("chain", "verify", "--home", dir, "--all");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEqualTo("no chains under " + dir.resolve("chains") + "\n");
    }

    @Test
    void aTamperedChainFailsVerificationAtItsFirstBadEvent() throws IOException {
        Path h = copyOfHome();
        int bad = events("pong").size() / 2;
        tamperHash(chainOf(h, "pong"), bad);
        String report = ChainStore.verifyFile(chainOf(h, "pong")).describe();
        assertThat(report).startsWith(chainOf(h, "pong") + ": " + bad + " events verified, then event " + bad
                + " at offset ").contains(": HASH_MISMATCH: SHA-256 of the event is ");

        Result one = theater("chain", "verify", "--home", h, "pong");
        assertThat(one.exit()).isEqualTo(1);
        assertThat(one.out()).isEqualTo("chain of pong: " + report + "\n");
        assertThat(one.err()).isEqualTo("theater: the chain of pong did not verify: first bad event " + bad
                + " (HASH_MISMATCH)\n");

        Result all = theater("chain", "verify", "--home", h, "--all");
        assertThat(all.exit()).isEqualTo(1);
        assertThat(all.lines()).hasSize(3).endsWith("chain of pong: " + report);
        assertThat(all.err()).isEqualTo("theater: 1 of 3 chains did not verify: pong at event " + bad
                + " (HASH_MISMATCH)\n");

        Result list = theater("chain", "list", "--home", h);
        assertThat(list.exit()).isZero();
        assertThat(list.lines().get(4)).startsWith("pong ").contains(" " + bad + " ")
                .endsWith("BAD at event " + bad + ": HASH_MISMATCH");

        // show prints the good events, then names the bad one
        Result show = theater("chain", "show", "--home", h, "pong");
        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.lines()).hasSize(bad);
        assertThat(show.err()).isEqualTo("theater: chain of pong: " + report + "\n");

        Result export = theater("chain", "export", "--home", h, "pong");
        assertThat(export.exit()).isEqualTo(1);
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).isEqualTo("theater: chain of pong: " + report + "; not exported\n");
    }

    @Test
    void aFlippedByteAnywhereIsCaught() throws IOException {
        Path tampered = dir.resolve("flipped.chain");
        byte[] b = Files.readAllBytes(chainOf(home, "hello"));
        b[b.length / 2] ^= 0x40;
        Files.write(tampered, b);
        String report = ChainStore.verifyFile(tampered).describe();
        assertThat(report).contains(" events verified, then event ");

        Result r = theater("chain", "verify", tampered);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(report + "\n");
        assertThat(r.err()).startsWith("theater: " + tampered + " did not verify: first bad event ");
    }

    @Test
    void exportsTheChainAsJson() throws IOException {
        Result r = theater("chain", "export", "--home", home, "hello");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"format\":\"theater-chain/1\",\"hash_algorithm\":\"sha-256\"");
        assertThat(ChainJson.importVerified(r.out())).isEqualTo(events("hello"));

        Path file = dir.resolve("hello.json");
        Result toFile = theater("chain", "export", "--home", home, "hello", "-o", file);
        assertThat(toFile.exit()).isZero();
        assertThat(toFile.out()).isEqualTo("exported " + events("hello").size() + " events from the chain of hello to "
                + file + "\n");
        assertThat(Files.readString(file)).isEqualTo(r.out());

        Result missingFolder = theater("chain", "export", "--home", home, "hello", "-o", dir.resolve("no/such/x.json"));
        assertThat(missingFolder.exit()).isEqualTo(1);
        assertThat(missingFolder.err()).startsWith("theater: cannot write " + dir.resolve("no/such/x.json") + ": ");
    }

    @Test
    void importsAnExportAsAnActorsChainThatTheActorsNextRunAppendsTo() throws IOException {
        Path export = dir.resolve("hello.json");
        assertThat(theater("chain", "export", "--home", home, "hello", "-o", export).exit()).isZero();
        Path h = dir.resolve("other-home");
        List<ChainEvent> events = events("hello");

        Result r = theater("chain", "import", export, "--as", "hello", "--home", h);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("imported " + events.size() + " events from " + export + " as the chain of hello: "
                + chainOf(h, "hello") + ": " + events.size() + " events verified\n");
        assertThat(ChainStore.readFile(chainOf(h, "hello"))).isEqualTo(events);

        Result run = theater("run", "--home", h, "--plugins", RunCommandTest.PLUGINS, "--interpreter", "--exit-after",
                "0ms", ROOT.resolve("examples/hello/hello.toml"));
        assertThat(run.exit()).as(run.err()).isZero();
        List<ChainEvent> after = ChainStore.readFile(chainOf(h, "hello"));
        assertThat(after.size()).isGreaterThan(events.size());
        assertThat(after.subList(0, events.size())).isEqualTo(events);
        assertThat(after.get(events.size()).parentHash()).contains(events.getLast().hash());
    }

    @Test
    void refusesToReplaceAChainUnlessForced() throws IOException {
        Path export = dir.resolve("ping.json");
        assertThat(theater("chain", "export", "--home", home, "ping", "-o", export).exit()).isZero();
        Path h = copyOfHome();

        Result refused = theater("chain", "import", export, "--as", "hello", "--home", h);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("theater: actor 'hello' already has a chain at " + chainOf(h, "hello")
                + "; nothing was imported (--force replaces it)\n");
        assertThat(ChainStore.readFile(chainOf(h, "hello"))).isEqualTo(events("hello"));

        Result forced = theater("chain", "import", export, "--as", "hello", "--home", h, "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(ChainStore.readFile(chainOf(h, "hello"))).isEqualTo(events("ping"));
    }

    @Test
    void refusesAnExportThatDoesNotVerifyOrIsNotAnExport() throws IOException {
        List<ChainEvent> events = events("hello");
        String json = ChainJson.export(events);
        // the first event after the first whose timestamp no other event shares (events of one millisecond share it)
        int broken = java.util.stream.IntStream.range(1, events.size())
                .filter(i -> events.stream().filter(e -> e.timestamp() == events.get(i).timestamp()).count() == 1)
                .findFirst().orElseThrow();
        String ts = "\"timestamp\":" + events.get(broken).timestamp() + ",";
        assertThat(json).contains(ts);
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, json.replaceFirst(ts, "\"timestamp\":" + (events.get(broken).timestamp() + 1) + ","));
        Path h = dir.resolve("h");

        Result r = theater("chain", "import", tampered, "--as", "copy", "--home", h);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("theater: " + tampered + ": " + broken + " events verified, then event " + broken + " (hash "
                + events.get(broken).hash().hex() + "): HASH_MISMATCH: SHA-256 of the event is ")
                .endsWith("; nothing was imported\n");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(Files.exists(chainOf(h, "copy"))).isFalse();
        Result verify = theater("chain", "verify", tampered);
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).startsWith(tampered + ": " + broken + " events verified, then event " + broken + " (hash ");
        assertThat(verify.err()).isEqualTo("theater: " + tampered + " did not verify: first bad event " + broken
                + " (HASH_MISMATCH)\n");

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, json.substring(0, json.length() / 2));
        Result bad = theater("chain", "import", truncated, "--as", "copy", "--home", h);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("theater: " + truncated + " is not a valid chain export: ");
        assertThat(bad.err().lines()).hasSize(1);
        assertThat(Files.exists(chainOf(h, "copy"))).isFalse();

        Result noAs = theater("chain", "import", tampered, "--home", h);
        assertThat(noAs.exit()).isEqualTo(2);
        assertThat(noAs.err()).startsWith("Missing required option: '--as=ACTOR'");
    }

    @Test
    void verifiesRustTheaterExports() {
        for (String good : List.of("rust-chain-classic.json", "rust-chain-minimal.json")) {
            Result r = theater("chain", "verify", "--rust", RUST.resolve(good));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(RUST.resolve(good) + " (Rust Theater export): 4 events verified\n");
        }
        Path tampered = RUST.resolve("rust-chain-classic-tampered.json");
        Result t = theater("chain", "verify", "--rust", tampered);
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.out()).startsWith(tampered + " (Rust Theater export): 2 events verified, then event 2 at offset ")
                .contains(": HASH_MISMATCH: SHA-1 of the event is ");
        assertThat(t.err()).isEqualTo("theater: " + tampered + " did not verify: first bad event 2 (HASH_MISMATCH)\n");

        Path relinked = RUST.resolve("rust-chain-classic-relinked.json");
        Result l = theater("chain", "verify", "--rust", relinked);
        assertThat(l.exit()).isEqualTo(1);
        assertThat(l.out()).startsWith(relinked + " (Rust Theater export): 3 events verified, then event 3 at offset ")
                .contains(": BROKEN_PARENT_LINK: expected parent ");
        assertThat(l.err()).isEqualTo("theater: " + relinked + " did not verify: first bad event 3 (BROKEN_PARENT_LINK)\n");

        // an export of ours is not a Rust one, and the other commands point a Rust export to --rust
        Result ours = theater("chain", "verify", "--rust", chainOf(home, "hello"));
        assertThat(ours.exit()).isEqualTo(1);
        assertThat(ours.err()).isEqualTo("theater: " + chainOf(home, "hello") + " is not UTF-8 text\n");
        Result show = theater("chain", "show", RUST.resolve("rust-chain-classic.json"));
        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.err()).isEqualTo("theater: " + RUST.resolve("rust-chain-classic.json") + " is not a chain file"
                + " or a Theater for the JVM chain export (it holds a JSON array: a Rust Theater export? check one with"
                + " theater chain verify --rust " + RUST.resolve("rust-chain-classic.json") + ")\n");
    }

    @Test
    void namesWhatIsMissingOrUnreadableInOneLine() throws IOException {
        Result unknown = theater("chain", "show", "--home", home, "nobody");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("theater: no chain of actor 'nobody' under " + home.resolve("chains")
                + "; chains there: hello, ping, pong\n");
        assertThat(unknown.out()).isEmpty();
        Result none = theater("chain", "verify", "--home", dir, "nobody");
        assertThat(none.err()).isEqualTo("theater: no chain of actor 'nobody' under " + dir.resolve("chains")
                + "; it holds no chains\n");

        Path missing = dir.resolve("missing.chain");
        Result m = theater("chain", "verify", missing);
        assertThat(m.exit()).isEqualTo(1);
        assertThat(m.err()).isEqualTo("theater: cannot read " + missing + ": no such file\n");

        Result d = theater("chain", "export", dir + "/");
        assertThat(d.exit()).isEqualTo(1);
        assertThat(d.err()).isEqualTo("theater: cannot read " + dir + ": it is a directory, not a chain file or a"
                + " chain export\n");

        Path text = dir.resolve("notes.json");
        Files.writeString(text, "hello");
        Result t = theater("chain", "show", text);
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).isEqualTo("theater: " + text + " is neither a chain file (it does not start with THCHAIN)"
                + " nor a JSON chain export\n");

        Result rustMissing = theater("chain", "verify", "--rust", dir.resolve("gone.json"));
        assertThat(rustMissing.err()).isEqualTo("theater: cannot read " + dir.resolve("gone.json") + ": no such file\n");

        Result nothing = theater("chain", "verify", "--home", home);
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).isEqualTo("theater: chain verify takes one of ACTOR, FILE, --all or --rust FILE\n");
        Result two = theater("chain", "verify", "--home", home, "--all", "hello");
        assertThat(two.err()).isEqualTo(nothing.err());
    }

    @Test
    void withoutASubcommandPrintsItsUsage() {
        Result r = theater("chain");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: theater chain ");
        assertThat(r.out()).contains("list", "show", "verify", "export", "import");
    }
}
