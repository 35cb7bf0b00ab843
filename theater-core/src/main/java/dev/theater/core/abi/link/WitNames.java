package dev.theater.core.abi.link;

import dev.theater.api.wit.WitInterfaceName;
/** The core-module naming convention of wit-bindgen: imports {@code <package>/<interface>[@version]}, exports {@code ...#<function>}. */
final class WitNames {

    private WitNames() {
    }

    /** The interface part of an export name {@code <interface>#<function>}, without version; empty string if none. */
    static String exportInterface(String exportName) {
        int hash = exportName.indexOf('#');
        return hash < 0 ? "" : WitInterfaceName.unversioned(exportName.substring(0, hash));
    }

    static String exportFunction(String exportName) {
        return exportName.substring(exportName.indexOf('#') + 1);
    }
}
