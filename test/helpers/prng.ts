// The seeded PRNG for tests that draw random inputs (the same one that generates the bench workloads).
// The fuzzer has its own per-input generator (test/fuzz/rng.ts).
export { mulberry32 } from '../../src/bench/prng.js'
