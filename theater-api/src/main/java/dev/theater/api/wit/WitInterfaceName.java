package dev.theater.api.wit;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A qualified WIT interface name, {@code namespace:package/interface[@version]}, as providers declare them and as
 * core-module import modules and export names spell them ({@code theater:simple/runtime@0.1.0}). This is the one
 * place that knows the form; the version is kept but ignored when interfaces are matched.
 *
 * @param namespace   e.g. {@code theater}
 * @param packageName e.g. {@code simple}
 * @param name        the interface, e.g. {@code runtime}
 * @param version     e.g. {@code 0.1.0}, empty when none is written
 */
public record WitInterfaceName(String namespace, String packageName, String name, Optional<String> version) {

    private static final String LABEL = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
    private static final Pattern FORM = Pattern.compile(
            "(" + LABEL + "):(" + LABEL + ")/(" + LABEL + ")(?:@([0-9A-Za-z.+-]+))?");

    public WitInterfaceName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** The name {@code text} spells, or empty when it is not a qualified interface name. */
    public static Optional<WitInterfaceName> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new WitInterfaceName(m.group(1), m.group(2), m.group(3), Optional.ofNullable(m.group(4))));
    }

    /**
     * {@code text} without its version when it is a qualified interface name, else {@code text} unchanged (a
     * core import module such as {@code env} is not one, and is matched as written).
     */
    public static String unversioned(String text) {
        if (text != null && text.indexOf('@') < 0) {
            return text; // no version: the name as it is, whether or not it parses (hot: every link of every start)
        }
        return parse(text).map(WitInterfaceName::unversioned).orElse(text);
    }

    /** {@code namespace:package/interface}, the key interfaces are matched by. */
    public String unversioned() {
        return namespace + ":" + packageName + "/" + name;
    }

    /** The package id without version, e.g. {@code theater:simple}. */
    public String packageId() {
        return namespace + ":" + packageName;
    }

    @Override
    public String toString() {
        return unversioned() + version.map(v -> "@" + v).orElse("");
    }
}
