package dev.theater.wit;

import dev.theater.api.TheaterException;
import dev.theater.api.wit.WitInterface;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and resolved WIT package: what handlers, the linker and tools look interfaces and worlds up in.
 *
 * @param name       the package id without version, e.g. {@code theater:simple}
 * @param version    the package version, empty if unversioned
 * @param interfaces its interfaces by name, in declaration order
 * @param worlds     its worlds by name, in declaration order
 */
public record WitPackage(String name, Optional<String> version, Map<String, WitInterface> interfaces,
                         Map<String, WitWorld> worlds) {

    public WitPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        worlds = Collections.unmodifiableMap(new LinkedHashMap<>(worlds));
    }

    /** The interface named {@code name} (e.g. {@code runtime}); fails naming the package and the interfaces it has. */
    public WitInterface requireInterface(String name) {
        WitInterface i = interfaces.get(name);
        if (i == null) {
            throw new TheaterException(TheaterException.Phase.WIT, "package '" + this.name + "' has no interface '" + name + "'; it has "
                    + interfaces.keySet());
        }
        return i;
    }

    /** The world named {@code name}; fails naming the package and the worlds it has. */
    public WitWorld requireWorld(String name) {
        WitWorld w = worlds.get(name);
        if (w == null) {
            throw new TheaterException(TheaterException.Phase.WIT, "package '" + this.name + "' has no world '" + name + "'; it has "
                    + worlds.keySet());
        }
        return w;
    }

    /** The interface, if the package has it. */
    public Optional<WitInterface> findInterface(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }
}
