package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ActorManifest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code send}: message throughput between two actors. One run: a fresh sink and sender; Java sends the sender
 * "&lt;n&gt; sink-r", the sender's handle-send calls message-server send n times; timed from the Java send until
 * the sink's state (its handle-send count) reaches n.
 *
 * <p>Options: {@code n=100000} messages per run, {@code runs=5}, {@code warmup=2}, {@code mailbox=auto} (the
 * sink's mailboxes: auto = n + 1000, 0 = the defaults, or a number), {@code fsync=GROUP_COMMIT}.
 */
final class SendScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int n = options.intOpt("n", 100_000);
        int runs = options.intOpt("runs", 5);
        int warmup = options.intOpt("warmup", 2);
        String mb = options.get("mailbox", "auto");
        int mailbox = mb.equals("auto") ? n + 1000 : Integer.parseInt(mb);
        System.out.printf(Locale.ROOT, "%n== send: %d warm-up + %d runs of n = %,d, mailbox %s, fsync %s%n", warmup, runs, n,
                mailbox == 0 ? "defaults (runtime 1024 + 5 s wait, message server 10000)" : Integer.toString(mailbox),
                options.fsync());
        ActorManifest sinkM = BenchGuests.manifest("bench-sink", mailbox);
        ActorManifest senderM = BenchGuests.manifest("bench-sender", 0);
        double[] rates = new double[runs];
        double[] queueRates = new double[runs];
        long totalErrors = 0;
        try (BenchHome home = options.newHome(); Theater theater = home.theater(options.fsync())) {
            for (int r = 0; r < warmup + runs; r++) {
                String sinkId = "sink-" + r;
                ActorRef sink = theater.start(sinkM, StartOptions.defaults().withId(sinkId));
                ActorRef sender = theater.start(senderM, StartOptions.defaults().withId("sender-" + r));
                byte[] command = (n + " " + sinkId).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                sender.send(command).join();
                long tq = System.nanoTime();
                long got = waitForCount(sink, n, TimeUnit.SECONDS.toNanos(120));
                long t1 = System.nanoTime();
                String senderState = new String(sender.state().orElse(new byte[0]), StandardCharsets.UTF_8);
                long errors = jsonLong(senderState, "\"errors\":");
                double rate = got / ((t1 - t0) / 1e9);
                double qrate = n / ((tq - t0) / 1e9);
                boolean measured = r >= warmup;
                if (measured) {
                    rates[r - warmup] = rate;
                    queueRates[r - warmup] = qrate;
                    totalErrors += errors;
                }
                System.out.printf(Locale.ROOT, "  %s %d: %,.0f msgs/s handled (%,d in %.1f ms); sender queued all in %.1f ms"
                                + " (%,.0f sends/s); sender state %s%s%n", measured ? "run" : "warm-up", r, rate, got,
                        (t1 - t0) / 1e6, (tq - t0) / 1e6, qrate, senderState,
                        got < n - errors ? " INCOMPLETE (timed out)" : "");
                sender.stop();
                sink.stop();
            }
        }
        System.out.println("send RESULT: " + Stats.summary("msgs/s", rates) + "; send errors " + totalErrors);
        System.out.println("send (sender side, all queued) RESULT: " + Stats.summary("sends/s", queueRates));
    }

    /** Polls the sink's state until its count reaches {@code n} or the time is up; the last count seen. */
    private static long waitForCount(ActorRef sink, long n, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long c = 0;
        while (System.nanoTime() < deadline) {
            c = sink.state().map(BenchGuests::count).orElse(0L);
            if (c >= n) {
                return c;
            }
            LockSupport.parkNanos(100_000); // a spinning poller would take one of the two cores
        }
        return c;
    }

    /** The unsigned integer after {@code key} in {@code json}, or -1 if the key is absent. */
    private static long jsonLong(String json, String key) {
        int i = json.indexOf(key);
        if (i < 0) {
            return -1;
        }
        i += key.length();
        long v = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            v = v * 10 + (json.charAt(i++) - '0');
        }
        return v;
    }
}
