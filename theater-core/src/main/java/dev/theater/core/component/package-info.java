/**
 * Component Model binaries ({@code Binary.md} of the Component Model): the parser that reads a component into a
 * {@link dev.theater.core.component.ComponentPlan} (its core modules, the core instances it builds, the functions it
 * lowers from its imports and lifts into its exports, with their canon options and WIT types). The engine runs the plan;
 * nothing here knows Chicory. What is supported and what is refused: theater-core/README.md, "Components".
 */
package dev.theater.core.component;
