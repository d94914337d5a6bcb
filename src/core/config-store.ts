import { z } from 'zod';

/** The `store` section: where tasks are persisted (issue #4). `data_dir` absent: the user's data directory. */
export const StoreConfigSchema = z
  .object({
    data_dir: z.string().min(1).optional(),
    retention_days: z.number().int().min(1).max(3_650).default(30),
  })
  .strict();
export type StoreConfig = z.infer<typeof StoreConfigSchema>;
