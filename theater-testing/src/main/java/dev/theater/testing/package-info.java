/** Test support shared by the modules' tests: never a run-time dependency. */
package dev.theater.testing;
