package io.jenkins.plugins.seldon.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Ratios of times that a slow spell of the machine cannot skew. JMH measures each variant in forks of its own, one
 * after the other, so a spell of the host (on the virtual machine of the published run, iterations up to four times
 * as long as their neighbours, for a second or more at any time) lands on one side of a ratio only. Here the two
 * variants run in one JVM in alternation, a short block of calls each, which of them goes first alternating too, so
 * a spell weighs on both blocks of a pair; the median of the pairs' ratios leaves out the pairs a spell cut through.
 * {@link Benchmarks} runs it in several JVMs and reports the median with the spread across pairs and across JVMs.
 */
final class Paired {

    /** Keeps every result reachable, so that no call can be optimised away. */
    @SuppressWarnings("unused")
    private static volatile Object sink;

    private final Callable<?> measured;
    private final Callable<?> reference;

    Paired(Callable<?> measured, Callable<?> reference) {
        this.measured = measured;
        this.reference = reference;
    }

    /**
     * Warms both variants for {@code warmUpSeconds} in alternation, then measures {@code rounds} pairs of blocks of
     * about {@code blockMillis} each (at least one call) and returns each pair's ratio: the measured variant's time per
     * call over the reference's.
     */
    double[] ratios(double warmUpSeconds, double blockMillis, int rounds) throws Exception {
        long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        long calls = 0;
        long spent = 0;
        while (System.nanoTime() < warmUpEnd) {
            spent += time(measured, 1);
            time(reference, 1);
            calls++;
        }
        int block = (int) Math.max(1, Math.round(blockMillis * 1e6 / (spent / (double) calls)));
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long m;
            long r;
            if (i % 2 == 0) {
                m = time(measured, block);
                r = time(reference, block);
            } else {
                r = time(reference, block);
                m = time(measured, block);
            }
            ratios[i] = m / (double) r;
        }
        return ratios;
    }

    private static long time(Callable<?> variant, int calls) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink = variant.call();
        }
        return System.nanoTime() - start;
    }

    /** The median and quartiles of all pairs, and each JVM's median. */
    static String summary(List<double[]> forks) {
        double[] all = forks.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        StringBuilder each = new StringBuilder();
        for (double[] fork : forks) {
            each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                    quantile(fork.clone(), 0.5)));
        }
        return String.format(Locale.ROOT, "%.2f (paired: median of %d pairs, quartiles %.2f-%.2f; per JVM %s)",
                quantile(all, 0.5), all.length, quantile(all, 0.25), quantile(all, 0.75), each);
    }

    private static double quantile(double[] values, double q) {
        Arrays.sort(values);
        double at = q * (values.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, values.length - 1);
        return values[below] + (values[above] - values[below]) * (at - below);
    }
}
