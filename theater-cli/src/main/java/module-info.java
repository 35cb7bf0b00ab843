/** The theater command line. */
module dev.theater.cli {
    requires dev.theater.core;
    requires dev.theater.wit;
    requires info.picocli;
    opens dev.theater.cli to info.picocli;
}
