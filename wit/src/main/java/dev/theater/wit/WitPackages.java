package dev.theater.wit;

import dev.theater.api.TheaterException;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolved WIT packages, in order, at most one of each name and version: the packages a parse may use
 * ({@link WitParser#parse(java.util.Map, WitPackages)}), or the ones it read ({@link WitResolution#packages()}).
 *
 * @param all the packages, in order
 */
public record WitPackages(List<WitPackage> all) {

    private static final WitPackages EMPTY = new WitPackages(List.of());

    public WitPackages {
        all = List.copyOf(all);
        Set<String> seen = new HashSet<>();
        for (WitPackage p : all) {
            String id = id(p);
            if (!seen.add(id)) {
                throw new TheaterException(TheaterException.Phase.WIT, "package '" + id + "' is given twice; a set of"
                        + " packages holds one of each name and version");
            }
        }
    }

    /** No package. */
    public static WitPackages empty() {
        return EMPTY;
    }

    public static WitPackages of(WitPackage... packages) {
        return new WitPackages(List.of(packages));
    }

    public static WitPackages of(Collection<WitPackage> packages) {
        return new WitPackages(List.copyOf(packages));
    }

    /** These packages followed by {@code more}'s (which must not repeat any of them). */
    public WitPackages plus(WitPackages more) {
        List<WitPackage> joined = new ArrayList<>(all);
        joined.addAll(more.all);
        return new WitPackages(joined);
    }

    /**
     * The package {@code id} names, by the parser's rules: {@code ns:name} is the one package of that name (whatever
     * its version); {@code ns:name@version} is the package of that version, or else the one package of that name
     * that declares no version.
     */
    public Optional<WitPackage> find(String id) {
        Objects.requireNonNull(id, "id");
        int at = id.indexOf('@');
        return at < 0 ? find(id, Optional.empty()) : find(id.substring(0, at), Optional.of(id.substring(at + 1)));
    }

    /** The interface {@code ns:pkg/iface[@version]}, the package found as {@link #find} does, if any. */
    public Optional<WitInterface> findInterface(String qualifiedName) {
        return WitInterfaceName.parse(qualifiedName)
                .flatMap(n -> find(n.packageId(), n.version()).flatMap(p -> p.findInterface(n.name())));
    }

    private Optional<WitPackage> find(String name, Optional<String> version) {
        List<WitPackage> named = all.stream().filter(p -> p.name().equals(name)).toList();
        if (version.isPresent()) {
            Optional<WitPackage> exact = named.stream().filter(p -> p.version().equals(version)).findFirst();
            List<WitPackage> unversioned = named.stream().filter(p -> p.version().isEmpty()).toList();
            return exact.isPresent() || unversioned.size() != 1 ? exact : Optional.of(unversioned.getFirst());
        }
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }

    private static String id(WitPackage p) {
        return p.name() + p.version().map(v -> "@" + v).orElse("");
    }
}
