import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { createApp, type App } from '../server/create-app.js';
import { readServerIdentity } from '../server/identity.js';
import type { HttpServeOptions } from '../server/http/serve-http.js';
import { serveAppOverStdio, type TransportHandle } from '../server/serve-stdio.js';
import { guardStdout } from './guard-stdout.js';
import { loadConfig } from './load-config.js';
import { readModelApiKey } from './model-key.js';
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
  const app = createApp({ config, logger, model: readModelApiKey(config) });

  const http = config.transport === 'http';
  let handle: TransportHandle;
  try {
    handle = http ? await serveHttp(app, config, logger) : serveAppOverStdio(app, logger, () => stop('stdin closed'));
  } catch (error) {
    await app.dispose();
    throw error;
  }
  let stopping = false;
  function stop(reason: string): void {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // HTTP: stop accepting, let running requests finish, then cancel them (the handle's deadline), then dispose.
    const deadlineMs = http ? config.http.shutdown_timeout_ms + SHUTDOWN_GRACE_MS : SHUTDOWN_GRACE_MS;
    setTimeout(() => process.exit(0), deadlineMs).unref();
    const sequence = http ? handle.close().then(() => app.dispose()) : app.dispose().then(() => handle.close());
    void sequence.finally(() => {
      logger.flush();
      process.exit(0);
    });
  }
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  logger.info({ transport: config.transport, workspace: config.workspace ?? '(temp per run)' }, 'server started');
}

/**
 * Starts the HTTP transport. Its modules are imported here, on demand, so a stdio start (the common case) does
 * not pay for loading them (~25 ms of the cold start on this machine).
 */
async function serveHttp(app: App, config: Readonly<Config>, logger: Logger): Promise<TransportHandle> {
  const { serveAppOverHttp } = await import('../server/http/serve-http.js');
  return serveAppOverHttp(app, config, logger, await readHttpSecrets(config));
}

/** Reads the HTTP secrets from where the config points (env variable or file); never from the config itself. */
async function readHttpSecrets(config: Readonly<Config>): Promise<HttpServeOptions> {
  const { loadBearerTokens } = await import('../server/http/bearer-tokens.js');
  const tokens = await loadBearerTokens(config.http.auth, { env: process.env });
  const secretEnv = config.http.auth.oauth?.client_secret_env;
  const oauthClientSecret = secretEnv ? process.env[secretEnv] : undefined;
  return { tokens, ...(oauthClientSecret ? { oauthClientSecret } : {}) };
}

main().catch((error: unknown) => {
  const usage = error instanceof CliUsageError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`multi-orchestrator-mcp: ${message}${error instanceof CliUsageError ? ' (see --help)' : ''}\n`);
  process.exitCode = usage ? EXIT_USAGE : 1;
});
