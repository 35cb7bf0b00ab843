package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import java.util.List;
import java.util.Set;

/**
 * A provider {@link ProviderValidator} accepted, with what it said about itself (asked once, copied) and the
 * interfaces its WIT files define (parsed once).
 *
 * @param candidate     the provider and where it was found
 * @param type          its {@code type()}
 * @param imports       its {@code imports()}, qualified interface names
 * @param exports       its {@code exports()}, qualified interface names
 * @param witInterfaces        the interfaces of the package its {@code witFiles()} define (types it uses from
 *                             theater:simple or its dependencies resolved into them), empty when it ships none
 * @param dependencyInterfaces the interfaces of the dependency packages it ships ({@code deps/...} files)
 */
record ValidProvider(Candidate candidate, String type, Set<String> imports, Set<String> exports,
                     List<WitInterface> witInterfaces, List<WitInterface> dependencyInterfaces) {

    HandlerProvider provider() {
        return candidate.provider();
    }
}
