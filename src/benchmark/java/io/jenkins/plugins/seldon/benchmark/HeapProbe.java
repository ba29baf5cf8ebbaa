package io.jenkins.plugins.seldon.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The live heap a call needs: the most heap still in use after any collection during the call (with a small young
 * generation, collections come every few megabytes), or after a full collection at its end while its result is held,
 * whichever is more; both above what was in use before. Run with {@code -XX:+UseSerialGC -Xmn8m}.
 */
final class HeapProbe {

    /** What one call needed: its peak live heap, and what its result holds. */
    record Heap(long peak, long retained) {}

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

    static {
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> HEAP_POOLS.contains(e.getKey())).map(java.util.Map.Entry::getValue)
                        .mapToLong(MemoryUsage::getUsed).sum();
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    private HeapProbe() {
    }

    /**
     * Measures {@code call}, the first thing this JVM does with the client: {@link Benchmarks} runs each in a JVM of
     * its own, so that no earlier call's caches or garbage blur the figures.
     */
    static Heap measure(Callable<Object> call) throws Exception {
        long before = settledHeap();
        MAX_AFTER_GC.set(0);
        Object result = call.call();
        // Notifications arrive on their own thread.
        Thread.sleep(200);
        long during = MAX_AFTER_GC.get();
        long held = settledHeap();
        Reference.reachabilityFence(result);
        return new Heap(Math.max(during, held) - before, held - before);
    }

    private static long settledHeap() throws InterruptedException {
        System.gc();
        System.gc();
        Thread.sleep(100);
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
