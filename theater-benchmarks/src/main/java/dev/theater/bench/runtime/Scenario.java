package dev.theater.bench.runtime;

/**
 * One measure of the {@link RuntimeHarness}: runs its warm-up and measured runs, prints one line per run and
 * its {@code RESULT} lines (medians over the measured runs).
 */
sealed interface Scenario
        permits SendScenario, RequestScenario, ActorToActorScenario, StartScenario, ChainOpenScenario, HandoffScenario,
        FairnessScenario, SupervisionScenario, StoreScenario {

    void run(HarnessOptions options);
}
