package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.CompileProgress.Stage;
import dev.theater.core.testing.TestActors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache through the embedding API: on by default under the home, {@link Theater.Builder#compileCache}
 * switches it off, {@link CompileCache} lists and clears it.
 */
class CompileCacheOptionTest {

    @TempDir
    Path home;

    private static String manifest() {
        return "name = \"lifecycle\"\ncomponent_path = \"" + TestActors.wasm("lifecycle").toString().replace("\\", "/")
                + "\"\n[[handlers]]\ntype = \"probe\"\n";
    }

    /** Starts the lifecycle guest in a new runtime and stops it; the compile events the runtime sent. */
    private List<CompileProgress> startOnce(boolean cache) {
        List<CompileProgress> events = new CopyOnWriteArrayList<>();
        try (Theater theater = Theater.builder().home(home).serviceLoader(false).addProvider(new ProbeProvider())
                .compileCache(cache).compileListener(events::add).build()) {
            ActorRef actor = theater.start(manifest(), home);
            assertThat(actor.status()).isEqualTo(ActorStatus.RUNNING);
        }
        return events.stream().filter(e -> e.stage() != Stage.COMPILING).toList();
    }

    @Test
    void aSecondRuntimeOnTheSameHomeLoadsTheModuleFromTheCache() {
        List<CompileProgress> first = startOnce(true);
        List<CompileProgress> second = startOnce(true);

        assertThat(first).extracting(CompileProgress::stage, CompileProgress::cached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.COMPILED, true));
        assertThat(second).extracting(CompileProgress::stage, CompileProgress::module)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.LOADED_FROM_CACHE,
                        TestActors.wasm("lifecycle").toString()));
        CompileCache cache = CompileCache.of(home);
        assertThat(cache.folder()).isEqualTo(home.resolve("cache/compiled"));
        assertThat(cache.entries(true)).singleElement().satisfies(e -> {
            assertThat(e.module()).contains(TestActors.wasm("lifecycle").toString());
            assertThat(e.bytes()).isEqualTo(Files.size(e.file()));
        });

        assertThat(cache.clear()).isEqualTo(1);
        assertThat(cache.entries(false)).isEmpty();
        assertThat(startOnce(true)).extracting(CompileProgress::stage).containsExactly(Stage.COMPILED);
    }

    @Test
    void switchedOffTheRuntimeCompilesEveryTimeAndWritesNothing() {
        assertThat(startOnce(false)).extracting(CompileProgress::stage, CompileProgress::cached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.COMPILED, false));
        assertThat(startOnce(false)).extracting(CompileProgress::stage).containsExactly(Stage.COMPILED);
        assertThat(home.resolve("cache")).doesNotExist();
        assertThat(CompileCache.of(home).entries(true)).isEmpty();
        assertThat(CompileCache.of(home).clear()).isZero();
    }
}
