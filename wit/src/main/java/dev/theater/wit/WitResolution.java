package dev.theater.wit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one parse read: the root package, and the dependency packages read with it (its {@code deps/}). Types the root
 * uses from other packages are in its interfaces already, as resolved {@link dev.theater.api.wit.WitType}s; the
 * dependencies are here for the interfaces and worlds of their own.
 *
 * @param root         the package the files (or the folder) define
 * @param dependencies the packages of {@code deps/}, each after the packages it uses; the packages the parse was
 *                     given ({@link WitPackages}) are not repeated here
 */
public record WitResolution(WitPackage root, List<WitPackage> dependencies) {

    public WitResolution {
        Objects.requireNonNull(root, "root");
        dependencies = List.copyOf(dependencies);
    }

    /** The dependencies, then the root: every package this parse read. */
    public WitPackages packages() {
        List<WitPackage> all = new ArrayList<>(dependencies);
        all.add(root);
        return WitPackages.of(all);
    }
}
