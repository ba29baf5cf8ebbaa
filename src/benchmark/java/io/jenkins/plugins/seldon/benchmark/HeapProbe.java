package io.jenkins.plugins.seldon.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.Arrays;
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
 * whichever is more; both above what is in use once the result is dropped. Run with {@code -XX:+UseSerialGC -Xmn8m},
 * as .ci/benchmark does.
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
     * Measures {@code call} three times (after a first run, so that classes, caches and connections are in place) and
     * gives the medians: Jackson's shared table of field names, which grows and is reset as names come and go, blurs
     * a single measurement by a few megabytes. What the result holds is the heap freed by dropping it; the peak is
     * measured above the heap in use once it is dropped.
     */
    static Heap measure(Callable<Object> call) throws Exception {
        call.call();
        long[] peaks = new long[3];
        long[] retained = new long[3];
        for (int i = 0; i < 3; i++) {
            settledHeap();
            MAX_AFTER_GC.set(0);
            Object[] result = {call.call()};
            // Notifications arrive on their own thread.
            Thread.sleep(200);
            long during = MAX_AFTER_GC.get();
            long held = settledHeap();
            Reference.reachabilityFence(result[0]);
            result[0] = null;
            long base = settledHeap();
            peaks[i] = Math.max(during, held) - base;
            retained[i] = held - base;
        }
        Arrays.sort(peaks);
        Arrays.sort(retained);
        return new Heap(peaks[1], retained[1]);
    }

    private static long settledHeap() throws InterruptedException {
        System.gc();
        System.gc();
        Thread.sleep(100);
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
