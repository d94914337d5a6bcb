import type { Artifact } from '../../src/contracts/artifact.js';
import type { DevopsSettings } from './settings.js';

/**
 * Renders a multi-stage `Dockerfile`: `node:<major>-alpine` build stage (npm ci, build, prune dev dependencies)
 * and a runtime stage running as the image's non-root `node` user (uid 1000) with EXPOSE and a HEALTHCHECK
 * on the backend's health route (busybox wget ships with alpine).
 */
export function renderDockerfile(settings: DevopsSettings): Artifact {
  const { runtime } = settings;
  const image = `node:${String(runtime.nodeMajor)}-alpine`;
  const port = String(runtime.port);
  const build = settings.typescript
    ? ['RUN npm run build \\', ' && npm prune --omit=dev']
    : ['RUN npm prune --omit=dev'];
  const copyOutput = settings.typescript
    ? ['COPY --from=build --chown=node:node /app/dist ./dist']
    : ['COPY --from=build --chown=node:node /app/src ./src'];
  const lines = [
    '# syntax=docker/dockerfile:1',
    '',
    `# Build stage: install every dependency, ${settings.typescript ? 'compile TypeScript to dist/ (npm run build), ' : ''}then drop dev dependencies.`,
    `FROM ${image} AS build`,
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY . .',
    ...build,
    '',
    '# Runtime stage: production dependencies and build output only, as the non-root node user (uid 1000).',
    `FROM ${image} AS runtime`,
    'ENV NODE_ENV=production',
    `ENV PORT=${port}`,
    'WORKDIR /app',
    'COPY --from=build --chown=node:node /app/package.json ./',
    'COPY --from=build --chown=node:node /app/node_modules ./node_modules',
    ...copyOutput,
    'USER node',
    `EXPOSE ${port}`,
    'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\',
    `  CMD wget -q -O /dev/null http://127.0.0.1:${port}${runtime.healthPath} || exit 1`,
    `CMD [${settings.command.map((part) => JSON.stringify(part)).join(', ')}]`,
  ];
  return { path: 'Dockerfile', language: 'dockerfile', kind: 'dockerfile', content: lines.join('\n') + '\n' };
}

/** Renders `.dockerignore`: dependencies, build output, VCS, CI and local secrets stay out of the build context. */
export function renderDockerignore(): Artifact {
  const lines = [
    'node_modules',
    'dist',
    'coverage',
    '.git',
    '.github',
    '.gitlab-ci.yml',
    'k8s',
    '*.log',
    '.env',
    '.env.*',
    'Dockerfile',
    '.dockerignore',
    'compose.yaml',
  ];
  return { path: '.dockerignore', language: 'text', kind: 'config', content: lines.join('\n') + '\n' };
}
