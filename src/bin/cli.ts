#!/usr/bin/env node
import { ConfigError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createApp } from '../server/create-app.js';
import { readServerIdentity } from '../server/identity.js';
import { serveAppOverStdio, type TransportHandle } from '../server/serve-stdio.js';
import { guardStdout } from './guard-stdout.js';
import { loadConfig } from './load-config.js';
import { CliUsageError, parseCliArgs, USAGE } from './parse-args.js';

/** Exit code for command-line and configuration mistakes. */
const EXIT_USAGE = 2;
/** How long shutdown waits for running work to observe cancellation before exiting, ms. */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Entry point: argv → config → app → transport. stdout carries JSON-RPC only; `--help`/`--version` are the sole
 * exceptions and run before any transport starts. Errors at boot print one line to stderr.
 */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), process.cwd());
  if (args.help || args.version) {
    process.stdout.write(`${args.help ? USAGE : readServerIdentity().version}\n`);
    return;
  }
  const config = await loadConfig(args);
  const logger = createLogger(config.log_level);
  guardStdout(logger);
  const app = createApp({ config, logger });

  const handle: TransportHandle = serveAppOverStdio(app, logger, () => stop('stdin closed'));
  let stopping = false;
  function stop(reason: string): void {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void app
      .dispose()
      .then(() => handle.close())
      .finally(() => {
        logger.flush();
        process.exit(0);
      });
  }
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  logger.info({ transport: config.transport, workspace: config.workspace ?? '(temp per run)' }, 'server started');
}

main().catch((error: unknown) => {
  const usage = error instanceof CliUsageError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`multi-orchestrator-mcp: ${message}${error instanceof CliUsageError ? ' (see --help)' : ''}\n`);
  process.exitCode = usage ? EXIT_USAGE : 1;
});
