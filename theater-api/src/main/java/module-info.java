/**
 * The Theater API: what handler authors and embedders compile against. Depends on nothing but java.base.
 */
module dev.theater.api {
    exports dev.theater.api;
    exports dev.theater.api.wit;
    exports dev.theater.api.handler;
    exports dev.theater.api.json;
}
