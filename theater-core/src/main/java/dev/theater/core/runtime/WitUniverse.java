package dev.theater.core.runtime;

import dev.theater.api.handler.HandlerException;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitPackage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every WIT interface a runtime knows, by qualified name ({@code theater:simple/runtime}): the bundled
 * {@code theater:simple} package plus the packages custom handlers ship.
 */
public final class WitUniverse {

    private final Map<String, WitInterface> interfaces = new LinkedHashMap<>();

    private WitUniverse() {
    }

    /**
     * {@code theater:simple} plus the interfaces handlers ship, already parsed (against theater:simple, so the types
     * they use from it are resolved into them) and checked when their providers were found
     * ({@code HandlerRegistry.witInterfaces()}: providers' own packages before the dependencies they ship); the first
     * interface of a name wins, so the bundled theater:simple always does.
     */
    public static WitUniverse of(Collection<WitInterface> handlerInterfaces) {
        WitUniverse universe = new WitUniverse();
        universe.addAll(TheaterWit.load());
        for (WitInterface iface : handlerInterfaces) {
            universe.interfaces.putIfAbsent(iface.qualifiedName(), iface);
        }
        return universe;
    }

    private void addAll(WitPackage pkg) {
        for (WitInterface iface : pkg.interfaces().values()) {
            interfaces.putIfAbsent(iface.qualifiedName(), iface);
        }
    }

    /** The interface named {@code qualifiedName} ({@code ns:pkg/iface}, an {@code @version} suffix ignored). */
    public Optional<WitInterface> find(String qualifiedName) {
        return Optional.ofNullable(interfaces.get(WitInterfaceName.unversioned(qualifiedName)));
    }

    public WitInterface require(String qualifiedName, String neededBy) {
        return find(qualifiedName).orElseThrow(() -> new HandlerException(neededBy + ": unknown WIT interface '"
                + qualifiedName + "'; known interfaces are " + interfaces.keySet()));
    }
}
