/**
 * The chain API: {@link dev.theater.chain.ChainEvent} values, the {@link dev.theater.chain.ChainStore}
 * that opens one {@link dev.theater.chain.ActorChain} per actor, appending, reading, filtering,
 * live subscriptions and verification. The canonical hash encoding is in {@link dev.theater.chain.EventHashing}.
 */
package dev.theater.chain;
