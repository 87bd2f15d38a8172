package nl.factorspel.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets by key (a connection, an address): {@code rate} per second sustained, {@code burst} at once. */
public final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final double rate;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, double burst) {
        this.rate = ratePerSecond;
        this.burst = burst;
    }

    /** Takes one token for the key; false when the bucket is empty (the caller refuses or drops). */
    public boolean tryAcquire(String key) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * rate);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    public void forget(String key) {
        buckets.remove(key);
    }

    /** Drops buckets that have been full for a while, so the map does not grow without end. */
    public void sweep() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> (now - e.getValue().last) / 1e9 * rate > burst * 2);
    }
}
