package io.jenkins.plugins.seldon.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.concurrent.Callable;

/**
 * The live heap a list call needs at its end, when it holds the most: for the streamed lists the result (plus one
 * item in flight and the parser's buffers, a few kilobytes, while it runs), for the former path the tree and its
 * plain copy. Measured after full collections as the heap that dropping what the call returned frees, so that neither
 * caches that stay (Jackson's field names, the connection) nor garbage from before count. {@link Benchmarks} runs
 * each call in a JVM of its own.
 */
final class HeapProbe {

    private HeapProbe() {
    }

    /** The bytes of heap what {@code call} returns holds. */
    static long retained(Callable<Object> call) throws Exception {
        Object[] result = {call.call()};
        long held = settledHeap();
        Reference.reachabilityFence(result[0]);
        result[0] = null;
        return held - settledHeap();
    }

    @SuppressWarnings("deprecation") // runFinalization: objects that wait for their finalizer are not in use either
    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
