/** The theater:simple WIT package as resources, with a small accessor that reads them. */
module dev.theater.wit {
    exports dev.theater.wit;
    // the .wit files sit in this package; opening it lets class-path and module-path readers find them
    opens dev.theater.wit;
}
