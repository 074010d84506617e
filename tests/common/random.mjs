// A small seeded PRNG (mulberry32) for the tests that draw random inputs or faults: the same seed
// gives the same run, so a failure can be replayed by its seed.

/** A function returning the next number in [0, 1) of the sequence that `seed` starts. */
export function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
