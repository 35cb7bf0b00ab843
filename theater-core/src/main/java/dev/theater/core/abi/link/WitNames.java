package dev.theater.core.abi.link;

/** The core-module naming convention of wit-bindgen: imports {@code <package>/<interface>[@version]}, exports {@code ...#<function>}. */
final class WitNames {

    private WitNames() {
    }

    /** {@code theater:simple/runtime@0.1.0} to {@code theater:simple/runtime}. */
    static String withoutVersion(String interfaceName) {
        int at = interfaceName.indexOf('@');
        return at < 0 ? interfaceName : interfaceName.substring(0, at);
    }

    /** The interface part of an export name {@code <interface>#<function>}, without version; empty string if none. */
    static String exportInterface(String exportName) {
        int hash = exportName.indexOf('#');
        return hash < 0 ? "" : withoutVersion(exportName.substring(0, hash));
    }

    static String exportFunction(String exportName) {
        return exportName.substring(exportName.indexOf('#') + 1);
    }
}
