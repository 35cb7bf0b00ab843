/** The theater command line. */
module dev.theater.cli {
    requires dev.theater.core;
    requires info.picocli;
    requires java.logging;
    requires java.compiler; // SourceVersion: theater new handler checks the Java package it writes
    // not used here: handler plugins live in unnamed modules that read only the boot layer, and on the module path
    // the boot layer holds only what this module's graph requires; the http-client plugin needs java.net.http
    requires java.net.http;
    opens dev.theater.cli to info.picocli;
}
