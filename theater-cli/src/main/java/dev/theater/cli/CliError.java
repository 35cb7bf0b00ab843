package dev.theater.cli;

/** A mistake on the command line or in what it names (a missing folder, a bad name): printed as one line, exit 1. */
final class CliError extends RuntimeException {

    CliError(String message) {
        super(message);
    }
}
