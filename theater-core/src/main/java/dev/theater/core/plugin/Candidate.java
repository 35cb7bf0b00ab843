package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;

/**
 * A provider found by one mechanism, before validation and duplicate resolution.
 *
 * @param provider the provider instance
 * @param tier     which mechanism found it
 * @param origin   a human-readable origin, e.g. {@code plugin timing (/opt/theater/plugins/timing.jar)}
 * @param source   the jar path (or {@code code}) used as {@link PluginProblem#source()}
 */
record Candidate(HandlerProvider provider, Tier tier, String origin, String source) {
}
