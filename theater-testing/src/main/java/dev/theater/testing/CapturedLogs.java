package dev.theater.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What some java.util.logging loggers (and their children) log while a test runs, captured instead of printed:
 * tests that exercise broken plugins assert these records rather than leave {@code SEVERE} lines and stack traces
 * in the build log. System.Logger (the runtime's) and PF4J's slf4j (through slf4j-jdk14) both end in
 * java.util.logging. Open one per test and close it after; closing restores the loggers as they were.
 *
 * <pre>{@code
 * private final CapturedLogs logs = CapturedLogs.of("dev.theater.core.plugin", "org.pf4j");
 * @AfterEach void restoreLogging() { logs.close(); }
 * }</pre>
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>(); // held, so that their settings hold
    private final List<Boolean> usedParents = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<LogRecord> records = new ArrayList<>(); // guarded by itself
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs(String... names) {
        handler.setLevel(Level.ALL);
        for (String name : names) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            usedParents.add(logger.getUseParentHandlers());
            levels.add(logger.getLevel());
            logger.addHandler(handler);
            logger.setUseParentHandlers(false); // not to the console handler of the root logger
            logger.setLevel(Level.ALL);
        }
    }

    /** Captures what the loggers named (and the loggers below them) log from now until {@link #close()}. */
    public static CapturedLogs of(String... loggerNames) {
        return new CapturedLogs(loggerNames);
    }

    private List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * The warnings and errors of the logger named {@code logger} exactly, each as {@code <LEVEL> <message>} with
     * java.util.logging's level names: {@code SEVERE /tmp/x/broken.jar: plugin jar refused: …} (System.Logger's
     * {@code ERROR} is {@code SEVERE}).
     */
    public List<String> lines(String logger) {
        return lines(logger, Level.WARNING);
    }

    /** Every record of the logger named {@code logger} exactly, whatever its level, as {@link #lines(String)}. */
    public List<String> allLines(String logger) {
        return lines(logger, Level.ALL);
    }

    private List<String> lines(String logger, Level least) {
        return records().stream().filter(r -> logger.equals(r.getLoggerName()))
                .filter(r -> r.getLevel().intValue() >= least.intValue())
                .map(r -> r.getLevel().getName() + " " + r.getMessage()).toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            Logger logger = loggers.get(i);
            logger.removeHandler(handler);
            logger.setUseParentHandlers(usedParents.get(i));
            logger.setLevel(levels.get(i));
        }
    }
}
