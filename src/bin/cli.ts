#!/usr/bin/env node
/**
 * The `multi-orchestrator-mcp` executable. On Node ≥ 22.1 it first turns on V8's on-disk compile cache
 * (`module.enableCompileCache`), so every later start of the server loads its modules from cached code; Node 20
 * has no such API and starts as before. Everything else lives in `main.ts`, imported after the cache is on.
 */
import * as nodeModule from 'node:module';

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();
await import('./main.js');
