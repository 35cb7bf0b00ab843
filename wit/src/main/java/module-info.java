/** The theater:simple WIT package as resources, and a parser for the WIT language. */
module dev.theater.wit {
    requires transitive dev.theater.api;
    exports dev.theater.wit;
    // the .wit files sit in this package; opening it lets class-path and module-path readers find them
    opens dev.theater.wit;
}
