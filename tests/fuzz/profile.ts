/**
 * How hard the fuzz and property tests push. `npm test` runs the quick profile; `npm run test:fuzz`
 * (vitest.fuzz.config.ts) sets `FUZZ_PROFILE=full`. `FUZZ_MESSAGES` and `FUZZ_SEED` override single knobs.
 */
export interface FuzzProfile {
  name: 'quick' | 'full';
  /** Malformed JSON-RPC messages sent per transport (stdio, HTTP). */
  malformedMessages: number;
  /** fast-check runs per light tool (ping, status, architecture, ...). */
  lightToolRuns: number;
  /** fast-check runs per heavy tool (orchestrate_task, auto_fix_code), whose valid inputs do real work. */
  heavyToolRuns: number;
  /** Concurrent HTTP sessions in the load test. */
  concurrentSessions: number;
  seed: number;
}

export function readFuzzProfile(env: NodeJS.ProcessEnv = process.env): FuzzProfile {
  const full = env.FUZZ_PROFILE === 'full';
  const seed = Number(env.FUZZ_SEED ?? 20_261_121);
  return {
    name: full ? 'full' : 'quick',
    malformedMessages: Number(env.FUZZ_MESSAGES ?? (full ? 10_000 : 1_500)),
    lightToolRuns: full ? 300 : 40,
    heavyToolRuns: full ? 40 : 6,
    concurrentSessions: 1_000,
    seed: Number.isFinite(seed) ? seed : 20_261_121,
  };
}
