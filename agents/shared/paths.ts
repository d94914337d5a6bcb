/**
 * Workspace paths agents produce and look for among their inputs (POSIX, relative to the workspace root).
 * Kept in one place so a consumer (frontend, quality, devops) finds what the backend wrote.
 */
export const API_PATHS = {
  openapi: 'api/openapi.yaml',
  types: 'src/api/types.ts',
  handlers: 'src/api/handlers.ts',
  server: 'src/api/server.ts',
  auth: 'src/api/auth.ts',
  main: 'src/main.ts',
} as const;
