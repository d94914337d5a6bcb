import { describe, expect, it } from 'vitest';
import { connectInMemory } from '../support/in-memory.js';

describe('both protocol eras over the in-memory transport', () => {
  it.each([
    ['legacy', /^2025-/],
    ['auto', /^2026-07-28$/],
  ] as const)('a %s client lists the tools and pings; ping reports the era it was served in', async (mode, version) => {
    const session = await connectInMemory({ mode });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toContain('orchestrate_task');
      const ping = await session.client.callTool({ name: 'ping', arguments: {} });
      expect((ping.structuredContent as { protocol_version: string }).protocol_version).toMatch(version);
    } finally {
      await session.close();
    }
  });
});
