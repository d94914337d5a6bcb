import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:fuzz`: the fuzz, property and load tests at full strength (`FUZZ_PROFILE=full`: 10,000 malformed
 * messages per transport, hundreds of property runs per tool, 1,000 concurrent sessions). `npm test` runs the same
 * files with the quick profile. One worker: the load and memory figures should not compete with each other.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/fuzz/**/*.test.ts'],
    env: { FUZZ_PROFILE: 'full' },
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
