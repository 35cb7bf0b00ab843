package dev.theater.cli;

import dev.theater.api.TheaterException;
import dev.theater.api.json.JsonException;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerificationReport;
import dev.theater.chain.json.ChainJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a chain command reads: an actor's chain under the home, or a file, which is either a chain file (it starts
 * with {@code THCHAIN}) or a JSON export ({@code theater-chain/1}). An argument that contains a {@code /} or ends in
 * {@code .chain} or {@code .json} is a file; anything else is an actor id.
 *
 * @param actor  the actor, when the chain was named by its actor id
 * @param file   the file read
 * @param export whether the file is a JSON export rather than a chain file
 */
record ChainSource(Optional<String> actor, Path file, boolean export) {

    private static final byte[] HEADER = {'T', 'H', 'C', 'H', 'A', 'I', 'N', 1};

    /** Resolves a command's {@code ACTOR|FILE} argument. */
    static ChainSource of(String arg, ChainHome home) {
        if (isPath(arg)) {
            return ofFile(Path.of(arg));
        }
        ChainStore store = home.store();
        Path file;
        try {
            file = store.fileOf(arg);
        } catch (IllegalArgumentException e) {
            throw error("'" + arg + "' is not an actor id: " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            List<String> known = store.actorIds();
            throw error("no chain of actor '" + arg + "' under " + store.home().resolve("chains") + "; "
                    + (known.isEmpty() ? "it holds no chains" : "chains there: " + String.join(", ", known)));
        }
        return new ChainSource(Optional.of(arg), file, false);
    }

    /** A chain file or a JSON export, told apart by its first bytes. */
    static ChainSource ofFile(Path file) {
        if (Files.isDirectory(file)) {
            throw error("cannot read " + file + ": it is a directory, not a chain file or a chain export");
        }
        byte[] start = new byte[HEADER.length];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        } catch (NoSuchFileException e) {
            throw error("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw error("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw error("cannot read " + file + ": " + e.getMessage());
        }
        if (java.util.Arrays.equals(start, 0, n, HEADER, 0, n)) {
            return new ChainSource(Optional.empty(), file, false);
        }
        String text = new String(start, 0, n, StandardCharsets.ISO_8859_1).strip();
        if (text.startsWith("{")) {
            return new ChainSource(Optional.empty(), file, true);
        }
        if (text.startsWith("[")) {
            throw error(file + " is not a chain file or a Theater for the JVM chain export (it holds a JSON array:"
                    + " a Rust Theater export? check one with theater chain verify --rust " + file + ")");
        }
        throw error(file + " is neither a chain file (it does not start with THCHAIN) nor a JSON chain export");
    }

    private static boolean isPath(String arg) {
        return arg.contains("/") || arg.contains(File.separator) || arg.endsWith(".chain") || arg.endsWith(".json");
    }

    /** {@code chain of <actor>: } for an actor's chain, else nothing; what precedes a report's description. */
    String prefix() {
        return actor.map(a -> "chain of " + a + ": ").orElse("");
    }

    /** {@code the chain of <actor>}, or the file. */
    String name() {
        return actor.map(a -> "the chain of " + a).orElse(file.toString());
    }

    /**
     * Reads the chain, handing each event that verified to {@code sink} in order, and stops at the first bad one
     * (the report names it). A malformed export or an unreadable file throws.
     */
    VerificationReport read(Consumer<ChainEvent> sink) {
        if (!export) {
            return ChainStore.readFile(file, sink);
        }
        List<ChainEvent> events;
        try {
            events = ChainJson.parse(readText(file));
        } catch (JsonException e) {
            throw error(file + " is not a valid chain export: " + e.getMessage());
        }
        VerificationReport report = ChainVerifier.verify(file.toString(), events);
        events.subList(0, (int) report.validCount()).forEach(sink);
        return report;
    }

    /** A file's text, strictly UTF-8. */
    static String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw error("cannot read " + file + ": it is a directory");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(file + " is not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw error("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw error("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw error("cannot read " + file + ": " + e.getMessage());
        }
    }

    static TheaterException error(String message) {
        return new TheaterException(TheaterException.Phase.CHAIN, message);
    }
}
