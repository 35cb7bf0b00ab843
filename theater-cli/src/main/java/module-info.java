/** The theater command line. */
module dev.theater.cli {
    requires dev.theater.core;
    requires info.picocli;
    requires java.logging;
    opens dev.theater.cli to info.picocli;
}
