import { stringify } from 'yaml';
import type { Artifact } from '../../src/contracts/artifact.js';
import type { DevopsSettings } from './settings.js';

function appService(settings: DevopsSettings): Record<string, unknown> {
  const { runtime } = settings;
  const environment: Record<string, string> = { NODE_ENV: 'production', PORT: String(runtime.port) };
  for (const service of settings.services) environment[service.url.variable] = service.url.value;
  if (settings.auth) environment['AUTH_SECRET'] = '${AUTH_SECRET:?set AUTH_SECRET}';
  const app: Record<string, unknown> = {
    build: { context: '.' },
    image: `${runtime.serviceName}:local`,
    restart: 'unless-stopped',
    ports: [`\${APP_PORT:-${String(runtime.port)}}:${String(runtime.port)}`],
    environment,
    healthcheck: {
      test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${String(runtime.port)}${runtime.healthPath}`],
      interval: '30s',
      timeout: '5s',
      retries: 3,
      start_period: '10s',
    },
  };
  if (settings.services.length > 0) {
    app['depends_on'] = Object.fromEntries(
      settings.services.map((service) => [service.name, { condition: 'service_healthy' }]),
    );
  }
  return app;
}

/**
 * Renders `compose.yaml`: the app (built from the Dockerfile) and one service per backing store, each with a
 * healthcheck and a named volume. Every credential is a `${VAR:?...}` reference to the environment or an
 * `.env` file, never a value in the file.
 */
export function renderCompose(settings: DevopsSettings): Artifact {
  const services: Record<string, unknown> = { app: appService(settings) };
  const volumes: Record<string, Record<string, never>> = {};
  for (const service of settings.services) {
    const volume = `${service.name}-data`;
    volumes[volume] = {};
    services[service.name] = {
      image: service.image,
      restart: 'unless-stopped',
      ...(service.command === undefined ? {} : { command: [...service.command] }),
      ...(Object.keys(service.environment).length > 0 ? { environment: { ...service.environment } } : {}),
      volumes: [`${volume}:${service.dataPath}`],
      healthcheck: { test: [...service.healthcheck], interval: '10s', timeout: '5s', retries: 5, start_period: '20s' },
    };
  }
  const document: Record<string, unknown> = { name: settings.runtime.serviceName, services };
  if (Object.keys(volumes).length > 0) document['volumes'] = volumes;
  return { path: 'compose.yaml', language: 'yaml', kind: 'compose', content: stringify(document, { lineWidth: 0 }) };
}
