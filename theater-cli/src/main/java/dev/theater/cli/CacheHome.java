package dev.theater.cli;

import dev.theater.chain.ChainStore;
import dev.theater.core.CompileCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option of the cache commands; the default is the one {@code theater run} uses. */
final class CacheHome {

    @Option(names = "--home", paramLabel = "DIR",
            description = "the Theater home whose compile cache to use (default: $THEATER_HOME, else ~/.theater)")
    Path home;

    CompileCache cache() {
        // the chain library's default home ($THEATER_HOME, else ~/.theater) is the runtime's too
        return CompileCache.of(home != null ? home : ChainStore.builder().build().home());
    }
}
