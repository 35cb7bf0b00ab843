package dev.theater.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code theater cache}: the on-disk compile cache under a Theater home ({@code <home>/cache/compiled}). Alone it
 * does what {@code cache info} does.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Shows (info, the default) or empties (clear) the compile cache under --home, else"
                + " $THEATER_HOME, else ~/.theater.",
        subcommands = {CacheInfoCommand.class, CacheClearCommand.class})
final class CacheCommand implements Callable<Integer> {

    @Mixin
    CacheHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return CacheInfoCommand.print(home, spec.commandLine().getOut());
    }
}
