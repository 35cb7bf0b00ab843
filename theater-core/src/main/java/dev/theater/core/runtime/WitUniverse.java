package dev.theater.core.runtime;

import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParseException;
import dev.theater.wit.WitParser;
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

    public static WitUniverse of(Collection<HandlerProvider> providers) {
        WitUniverse universe = new WitUniverse();
        universe.addAll(TheaterWit.load());
        for (HandlerProvider provider : providers) {
            if (!provider.witFiles().isEmpty()) {
                try {
                    universe.addAll(WitParser.parse(provider.witFiles()));
                } catch (WitParseException e) {
                    throw new HandlerException("handler '" + provider.type() + "' ships invalid WIT: " + e.getMessage(), e);
                }
            }
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
