package dev.theater.cli;

import dev.theater.core.CompileCache;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theater cache info}: where the compile cache is, and each entry with its size, time and module. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints the compile cache's folder, its entries (key, size, when written, the module compiled)"
                + " and their total size.")
final class CacheInfoCommand implements Callable<Integer> {

    @Mixin
    CacheHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return print(home, spec.commandLine().getOut());
    }

    static int print(CacheHome home, PrintWriter out) {
        CompileCache cache = home.cache();
        List<CompileCache.Entry> entries = cache.entries(true);
        long total = entries.stream().mapToLong(CompileCache.Entry::bytes).sum();
        out.println("compile cache: " + cache.folder());
        out.println(entries.size() + (entries.size() == 1 ? " entry, " : " entries, ") + megabytes(total));
        for (CompileCache.Entry e : entries) {
            out.println("  " + e.key().substring(0, 16) + "  " + String.format("%9s", megabytes(e.bytes())) + "  "
                    + EventText.TIME.format(Instant.ofEpochMilli(e.written().toMillis())) + "  "
                    + e.module().orElse("(unreadable: the next run that needs it recompiles it)"));
        }
        out.flush();
        return 0;
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
