package dev.theater.cli;

import dev.theater.core.CompileCache;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code theater cache clear}: deletes every compile cache entry. Safe while a runtime is running on the same home:
 * a module it has loaded keeps running, and one it is compiling writes its entry again (or not at all).
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Deletes every entry of the compile cache; the next start of each module compiles it again.")
final class CacheClearCommand implements Callable<Integer> {

    @Mixin
    CacheHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompileCache cache = home.cache();
        long bytes = cache.entries(false).stream().mapToLong(CompileCache.Entry::bytes).sum();
        int removed = cache.clear();
        spec.commandLine().getOut().println("cleared the compile cache " + cache.folder() + ": " + removed
                + (removed == 1 ? " entry" : " entries") + " removed (" + CacheInfoCommand.megabytes(bytes) + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
