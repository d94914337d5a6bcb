import { describe, expect, it } from 'vitest';
import { RequestAnalysisSchema } from '../../../src/contracts/plan.js';
import { analyzeRequest, readRequest } from '../../../src/orchestrator/analyze-request.js';
import { inferFieldType, parseFieldList, singularize } from '../../../src/orchestrator/entities.js';

describe('entities', () => {
  it.each([
    [
      'A Task has title, due date and status.',
      [
        {
          name: 'Task',
          fields: [
            ['title', 'string'],
            ['dueDate', 'date'],
            ['status', 'string'],
          ],
        },
      ],
    ],
    [
      'Build an app to manage tasks and projects.',
      [
        { name: 'Task', fields: [['name', 'string']] },
        { name: 'Project', fields: [['name', 'string']] },
      ],
    ],
    [
      'CRUD for invoices; an Invoice has amount, issued at and paid',
      [
        {
          name: 'Invoice',
          fields: [
            ['amount', 'number'],
            ['issuedAt', 'date'],
            ['paid', 'boolean'],
          ],
        },
      ],
    ],
    [
      'A category has a name and an item count',
      [
        {
          name: 'Category',
          fields: [
            ['name', 'string'],
            ['itemCount', 'number'],
          ],
        },
      ],
    ],
    [
      'Gestionar tareas con título, fecha de vencimiento y estado',
      [
        {
          name: 'Tarea',
          fields: [
            ['titulo', 'string'],
            ['fechaDeVencimiento', 'date'],
            ['estado', 'string'],
          ],
        },
      ],
    ],
    [
      'Eine Aufgabe hat einen Titel und ein Fälligkeitsdatum',
      [
        {
          name: 'Aufgabe',
          fields: [
            ['titel', 'string'],
            ['falligkeitsdatum', 'date'],
          ],
        },
      ],
    ],
    [
      'Each user has a name, an email and is active (default true)',
      [
        {
          name: 'User',
          fields: [
            ['name', 'string'],
            ['email', 'string'],
            ['isActive', 'boolean'],
          ],
        },
      ],
    ],
  ])('%s', (text, expected) => {
    const entities = analyzeRequest(text).entities.map((e) => ({
      name: e.name,
      fields: e.fields.map((f) => [f.name, f.type]),
    }));
    expect(entities).toEqual(expected);
  });

  it('merges inflected mentions of one entity', () => {
    expect(analyzeRequest('Aufgaben verwalten. Eine Aufgabe hat einen Titel.').entities).toEqual([
      { name: 'Aufgabe', fields: [{ name: 'titel', type: 'string' }] },
    ]);
  });

  it('gives a default entity when the request implies data but names none', () => {
    expect(analyzeRequest('Expose a REST API backed by Postgres').entities).toEqual([
      { name: 'Item', fields: [{ name: 'name', type: 'string' }] },
    ]);
  });

  it('gives no entity to a request that implies no data', () => {
    expect(analyzeRequest('Fix the CSS so the header button is aligned').entities).toEqual([]);
  });

  it.each([
    [['due', 'date'], 'date'],
    [['created', 'at'], 'date'],
    [['price'], 'number'],
    [['quantity'], 'number'],
    [['is', 'archived'], 'boolean'],
    [['completed'], 'boolean'],
    [['candidate'], 'string'],
    [['format'], 'string'],
  ] as const)('inferFieldType(%j) → %s', (words, type) => {
    expect(inferFieldType(words)).toBe(type);
  });

  it.each([
    ['tasks', 'task'],
    ['categories', 'category'],
    ['boxes', 'box'],
    ['status', 'status'],
    ['address', 'address'],
    ['tareas', 'tarea'],
  ])('singularize(%s) → %s', (word, singular) => {
    expect(singularize(word)).toBe(singular);
  });

  it('drops parentheticals, determiners and software words from field lists', () => {
    expect(parseFieldList('a title, status (todo, doing, done), the owner and a react component')).toEqual([
      { name: 'title', type: 'string' },
      { name: 'status', type: 'string' },
      { name: 'owner', type: 'string' },
    ]);
  });
});

describe('stack, features and deployment', () => {
  it('reads the full-stack example', () => {
    const analysis = analyzeRequest(
      'A React UI and an Express API on Postgres, with a Dockerfile, docker compose and a GitHub Actions pipeline, plus tests and login.',
    );
    expect(analysis.stack).toEqual({
      frontend: 'react',
      backend: 'express',
      database: 'postgres',
      language: 'typescript',
    });
    expect(analysis.deployment).toEqual({
      container: true,
      ci: 'github-actions',
      orchestration: 'compose',
      cloud: null,
    });
    expect(analysis.features).toEqual(['auth', 'ci', 'containers', 'compose', 'tests']);
    expect(RequestAnalysisSchema.parse(analysis)).toEqual(analysis);
  });

  it.each([
    ['Next.js app with a NestJS API and MongoDB', { frontend: 'next', backend: 'nest', database: 'mongodb' }],
    ['Svelte front end, Hono server, SQLite', { frontend: 'svelte', backend: 'hono', database: 'sqlite' }],
    ['Angular with Fastify and MySQL', { frontend: 'angular', backend: 'fastify', database: 'mysql' }],
    ['Une vue de liste avec Koa', { frontend: null, backend: 'koa', database: null }],
    ['Users can express interest in a task', { frontend: null, backend: null, database: null }],
  ])('%s', (text, expected) => {
    expect(analyzeRequest(text).stack).toMatchObject(expected);
  });

  it.each([
    ['Write it in plain JavaScript', 'javascript'],
    ['JavaScript, no TypeScript', 'javascript'],
    ['TypeScript and JavaScript interop', 'typescript'],
    ['A REST API', 'typescript'],
  ] as const)('%s → %s', (text, language) => {
    expect(analyzeRequest(text).stack.language).toBe(language);
  });

  it.each([
    ['Deploy to Kubernetes with Helm on GCP', { container: true, ci: null, orchestration: 'kubernetes', cloud: 'gcp' }],
    ['GitLab CI pipeline deploying to AWS', { container: false, ci: 'gitlab-ci', orchestration: null, cloud: 'aws' }],
    [
      'Contenedor Docker e integración continua',
      { container: true, ci: 'github-actions', orchestration: null, cloud: null },
    ],
    ['Ship on fly.io with docker compose', { container: true, ci: null, orchestration: 'compose', cloud: 'fly' }],
  ])('%s', (text, expected) => {
    expect(analyzeRequest(text).deployment).toEqual(expected);
  });

  it.each([
    ['real-time updates over websockets and search', ['realtime', 'search']],
    ['file uploads, Stripe payments and email reminders', ['upload', 'payments', 'notifications']],
    ['a README, translations and WCAG accessibility', ['docs', 'i18n', 'accessibility']],
  ])('%s → %j', (text, features) => {
    expect(analyzeRequest(text).features).toEqual(features);
  });
});

describe('concepts and recognition', () => {
  it.each([
    ['Crea una interfaz con un formulario', 'ui'],
    ['Ajoute un point de terminaison au serveur', 'api'],
    ['Bereitstellung mit einer Pipeline', 'deploy'],
    ['Escreva testes', 'tests'],
    ['REST APIとReactの画面', 'ui'],
    ['Dockerでデプロイ', 'deploy'],
  ] as const)('%s → %s', (text, concept) => {
    expect(readRequest(text).concepts[concept]).toBe(true);
  });

  it('marks a request with nothing recognisable as not recognised, still with an entity', () => {
    const reading = readRequest('素晴らしいものを作ってください。');
    expect(reading.recognised).toBe(false);
    expect(reading.analysis.summary).toMatch(/^Recognised no known concept/);
    expect(reading.analysis.entities).toHaveLength(1);
  });

  it('is deterministic', () => {
    const text = 'Manage invoices with amount and due date; React UI; deploy with Docker.';
    expect(analyzeRequest(text)).toEqual(analyzeRequest(text));
  });
});
