import { z } from 'zod';

/** Default HTTP bind address: loopback only (PLATFORM.md, security best practices). */
export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 3333;

/** The `http` section: where `--transport http` listens. Owned by the HTTP transport (issue #6). */
export const HttpConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HTTP_HOST),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_HTTP_PORT),
  })
  .strict();
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
