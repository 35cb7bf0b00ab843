/**
 * Finding handler providers: {@link dev.theater.core.plugin.HandlerRegistry} gathers
 * {@link dev.theater.api.handler.HandlerProvider}s given in code, found by PF4J in a plugins folder, and found by
 * {@link java.util.ServiceLoader} on the class path and module path, and reports broken plugins and duplicate
 * types as {@link dev.theater.core.plugin.PluginProblem}s instead of failing.
 */
package dev.theater.core.plugin;
