import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:conformance`: the official MCP conformance suite against our HTTP transport. Kept out of `npm test`
 * because it runs the suite through `npx -p node@22` (the suite needs Node ≥ 22), which fetches from the npm
 * registry on its first run.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/conformance/**/*.conformance.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
