import type { AgentRunInput } from '../../src/contracts/agent.js';
import { resolveEntities } from '../shared/entities.js';
import { API_PATHS } from '../shared/paths.js';
import { deriveRuntimeSettings, hasFeature, mentions, type RuntimeSettings } from '../shared/settings.js';
import { hasInput } from '../shared/steps.js';

/** A backing service container (database or cache) for compose, with its connection URL variable. */
export interface BackingService {
  /** Compose service name and host name (`db`, `cache`). */
  name: string;
  product: string;
  image: string;
  port: number;
  /** Where the image keeps its data; a named volume is mounted there. */
  dataPath: string;
  /** Container environment, written as compose variable references (no secret values). */
  environment: Readonly<Record<string, string>>;
  healthcheck: readonly string[];
  command?: readonly string[];
  /** Name and value (with compose variable references) of the URL the app reads. */
  url: { variable: string; value: string };
}

/** Everything the devops templates derive from the request and the analysis. */
export interface DevopsSettings {
  runtime: RuntimeSettings;
  services: readonly BackingService[];
  auth: boolean;
  typescript: boolean;
  /** `node dist/main.js` when the backend's `src/main.ts` is among the inputs, else `npm start`. */
  command: readonly string[];
  ci: 'github-actions' | 'gitlab-ci' | null;
  container: boolean;
  compose: boolean;
  kubernetes: boolean;
  notes: string[];
}

const required = (name: string): string => `\${${name}:?set ${name}}`;
const withDefault = (name: string, value: string): string => `\${${name}:-${value}}`;

const SQL_USER = withDefault('DB_USER', 'app');
const SQL_NAME = withDefault('DB_NAME', 'app');
const SQL_PASSWORD = required('DB_PASSWORD');

/** Official images and settings per database product (versions pinned to a major release). */
const CATALOG: Readonly<Record<string, Omit<BackingService, 'name'>>> = {
  postgres: {
    product: 'postgres',
    image: 'postgres:17-alpine',
    port: 5432,
    dataPath: '/var/lib/postgresql/data',
    environment: { POSTGRES_DB: SQL_NAME, POSTGRES_USER: SQL_USER, POSTGRES_PASSWORD: SQL_PASSWORD },
    healthcheck: ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'],
    url: { variable: 'DATABASE_URL', value: `postgres://${SQL_USER}:${SQL_PASSWORD}@db:5432/${SQL_NAME}` },
  },
  mysql: {
    product: 'mysql',
    image: 'mysql:8.4',
    port: 3306,
    dataPath: '/var/lib/mysql',
    environment: {
      MYSQL_DATABASE: SQL_NAME,
      MYSQL_USER: SQL_USER,
      MYSQL_PASSWORD: SQL_PASSWORD,
      MYSQL_RANDOM_ROOT_PASSWORD: 'yes',
    },
    healthcheck: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 --silent'],
    url: { variable: 'DATABASE_URL', value: `mysql://${SQL_USER}:${SQL_PASSWORD}@db:3306/${SQL_NAME}` },
  },
  mariadb: {
    product: 'mariadb',
    image: 'mariadb:11.4',
    port: 3306,
    dataPath: '/var/lib/mysql',
    environment: {
      MARIADB_DATABASE: SQL_NAME,
      MARIADB_USER: SQL_USER,
      MARIADB_PASSWORD: SQL_PASSWORD,
      MARIADB_RANDOM_ROOT_PASSWORD: 'yes',
    },
    healthcheck: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
    url: { variable: 'DATABASE_URL', value: `mysql://${SQL_USER}:${SQL_PASSWORD}@db:3306/${SQL_NAME}` },
  },
  mongodb: {
    product: 'mongodb',
    image: 'mongo:7',
    port: 27017,
    dataPath: '/data/db',
    environment: { MONGO_INITDB_ROOT_USERNAME: SQL_USER, MONGO_INITDB_ROOT_PASSWORD: SQL_PASSWORD },
    healthcheck: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
    url: { variable: 'DATABASE_URL', value: `mongodb://${SQL_USER}:${SQL_PASSWORD}@db:27017` },
  },
  redis: {
    product: 'redis',
    image: 'redis:7-alpine',
    port: 6379,
    dataPath: '/data',
    environment: {},
    healthcheck: ['CMD', 'redis-cli', 'ping'],
    command: ['redis-server', '--appendonly', 'yes'],
    url: { variable: 'REDIS_URL', value: 'redis://cache:6379' },
  },
};

const ALIASES: Readonly<Record<string, string>> = { postgresql: 'postgres', pg: 'postgres', mongo: 'mongodb' };

function toServices(input: AgentRunInput, notes: string[]): BackingService[] {
  const services: BackingService[] = [];
  const raw = input.analysis.stack.database?.toLowerCase() ?? null;
  const product = raw === null ? null : (ALIASES[raw] ?? raw);
  const database = product === null ? undefined : CATALOG[product];
  if (product !== null && database === undefined)
    notes.push(`no container image is known for database ${product}, so compose has no database service`);
  if (database !== undefined && product !== 'redis') services.push({ name: 'db', ...database });
  const redis = CATALOG['redis'];
  if (redis !== undefined && (product === 'redis' || mentions(input.request, 'redis'))) {
    services.push({ name: 'cache', ...redis });
  }
  return services;
}

function toCi(input: AgentRunInput): DevopsSettings['ci'] {
  if (input.analysis.deployment.ci !== null) return input.analysis.deployment.ci;
  if (mentions(input.request, 'gitlab')) return 'gitlab-ci';
  return hasFeature(input.analysis, 'ci') || mentions(input.request, 'github actions') ? 'github-actions' : null;
}

/** Derives the {@link DevopsSettings} of one run; pure. */
export function toDevopsSettings(input: AgentRunInput): DevopsSettings {
  const { analysis, request } = input;
  const { entities } = resolveEntities(analysis);
  const notes: string[] = [];
  const services = toServices(input, notes);
  const hasEntry = hasInput(input.inputs, API_PATHS.main);
  if (!hasEntry) notes.push(`no ${API_PATHS.main} among the inputs, so the image starts with npm start`);
  const kubernetes =
    analysis.deployment.orchestration === 'kubernetes' ||
    hasFeature(analysis, 'kubernetes') ||
    mentions(request, 'kubernetes') ||
    mentions(request, 'k8s');
  const compose =
    analysis.deployment.orchestration === 'compose' || hasFeature(analysis, 'compose') || services.length > 0;
  const ci = toCi(input);
  const asked = analysis.deployment.container || hasFeature(analysis, 'containers') || mentions(request, 'docker');
  return {
    runtime: deriveRuntimeSettings(request, entities),
    services,
    auth: hasFeature(analysis, 'auth'),
    typescript: analysis.stack.language === 'typescript',
    command: hasEntry ? ['node', 'dist/main.js'] : ['npm', 'start'],
    ci,
    container: asked || compose || kubernetes || ci === null,
    compose,
    kubernetes,
    notes,
  };
}
