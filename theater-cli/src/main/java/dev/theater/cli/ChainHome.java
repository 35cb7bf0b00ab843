package dev.theater.cli;

import dev.theater.chain.ChainStore;
import dev.theater.chain.ChainStoreBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --home} option of the chain commands. Without it the home is the chain library's default, the one
 * {@code theater run} uses too: {@code $THEATER_HOME} when set and not blank, else {@code ~/.theater}.
 */
final class ChainHome {

    @Option(names = "--home", paramLabel = "DIR",
            description = "the Theater home whose chains to use (default: $THEATER_HOME, else ~/.theater)")
    Path home;

    /** A store over the home. It opens no chain: the commands read chain files directly. */
    ChainStore store() {
        ChainStoreBuilder builder = ChainStore.builder();
        if (home != null) {
            builder.home(home);
        }
        return builder.build();
    }

    /** The folder the home keeps its chains in. */
    Path chainsFolder() {
        return store().home().resolve("chains");
    }
}
