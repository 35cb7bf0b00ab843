package dev.theater.core.plugin;

/** Where a provider was found, in precedence order: an earlier tier wins a duplicate type. */
enum Tier {
    CODE("code"),
    PLUGINS_FOLDER("plugins folder"),
    CLASS_PATH("class path/module path");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
