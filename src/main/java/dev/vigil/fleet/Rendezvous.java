package dev.vigil.fleet;

import java.nio.charset.StandardCharsets;

/**
 * Rendezvous (highest-random-weight) hashing: a name goes to the shard whose weight for it is highest. Going from N
 * shards to N+1 moves only the names the new shard now wins, about 1/(N+1) of them, and none between the old shards,
 * since their weights do not change. The hash is fixed here (FNV-1a over the name's UTF-8 bytes, then the finaliser
 * of MurmurHash3 to mix in the shard), not {@link String#hashCode()}, so every agent of every version agrees.
 */
public final class Rendezvous {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The golden ratio's fraction: spreads consecutive shard indexes over the whole range before mixing. */
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Rendezvous() {
    }

    /** The shard, from 0 to {@code count - 1}, that {@code name} is assigned to. */
    public static int shardOf(String name, int count) {
        long hash = hash(name);
        int best = 0;
        long bestWeight = weight(hash, 0);
        for (int shard = 1; shard < count; shard++) {
            long w = weight(hash, shard);
            if (Long.compareUnsigned(w, bestWeight) > 0) {
                best = shard;
                bestWeight = w;
            }
        }
        return best;
    }

    /** The 64-bit FNV-1a hash of {@code name}'s UTF-8 bytes. */
    static long hash(String name) {
        long hash = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash;
    }

    /** The weight of shard {@code shard} for a name of hash {@code nameHash}, compared unsigned. */
    static long weight(long nameHash, int shard) {
        return mix(nameHash ^ mix((shard + 1) * GOLDEN));
    }

    /** MurmurHash3's 64-bit finaliser: every input bit flips about half the output bits. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
