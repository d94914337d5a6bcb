import { z } from 'zod';

/** Default size cap of the task store, bytes (256 MiB: about 10,000 typical tasks). */
export const DEFAULT_STORE_MAX_BYTES = 268_435_456;

/** The `store` section: where tasks are persisted (issue #4). `data_dir` absent: the user's data directory. */
export const StoreConfigSchema = z
  .object({
    data_dir: z.string().min(1).optional(),
    retention_days: z.number().int().min(1).max(3_650).default(30),
    /** Size cap of the store's live pages, bytes (256 MiB by default); the oldest finished tasks are pruned past it. */
    max_bytes: z.number().int().min(1_048_576).max(1_099_511_627_776).default(DEFAULT_STORE_MAX_BYTES),
  })
  .strict();
export type StoreConfig = z.infer<typeof StoreConfigSchema>;
