/**
 * Keyword tables the request analysis reads. Every pattern runs against `normalizeForMatch` output (lower-case,
 * accents stripped). Terms cover English, Spanish, French, German and Portuguese, plus common Japanese terms;
 * product names (React, Docker, ...) are language-neutral. Boundaries are ASCII-only so a term next to CJK text
 * (`reactで`) still matches while `test` does not match inside `latest`.
 */

/** One pattern matching any of `terms` (regex sources) between ASCII word boundaries. */
export function terms(list: readonly string[]): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${list.join('|')})(?![a-z0-9])`, 'u');
}

/** The broad concerns a request can touch; they decide which agents the planner involves. */
export type Concept = 'ui' | 'api' | 'data' | 'deploy' | 'tests' | 'styling';

// prettier-ignore
export const CONCEPT_PATTERNS: Readonly<Record<Concept, RegExp>> = {
  ui: terms([
    'ui', 'user interface', 'front[- ]?end', 'web ?app', 'web page', 'pages?', 'screens?', 'forms?', 'components?',
    'buttons?', 'dashboard', 'layout', 'modal', 'views?', 'widgets?', 'html', 'react', 'vue', 'angular', 'svelte',
    'next\\.?js', 'tailwind', 'css', 'interfaz', 'paginas?', 'pantallas?', 'formularios?', 'componentes?', 'boton',
    'botones', 'vista', 'interface (?:utilisateur|graphique|web)', 'ecrans?', 'formulaires?', 'composants?', 'boutons?',
    'oberflache', 'benutzeroberflache', 'seiten?', 'formulare?', 'komponenten?', 'schaltflachen?', 'ansicht',
    'interface (?:do|de) usuario', 'telas?', 'botao', 'botoes', '画面', 'フォーム', 'ページ', 'ボタン', 'コンポーネント', 'フロントエンド',
    'ユーザーインターフェース',
  ]),
  api: terms([
    'api', 'apis', 'rest', 'restful', 'graphql', 'grpc', 'endpoints?', 'back[- ]?end', 'servers?', 'routes?', 'crud',
    'databases?', 'db', 'microservices?', 'webhooks?', 'express', 'fastify', 'nestjs', 'nest', 'koa', 'hono',
    'postgres(?:ql)?', 'mysql', 'mariadb', 'mongo(?:db)?', 'sqlite', 'redis', 'servidor', 'servidores',
    'puntos? finales?', 'bases? de datos', 'serveurs?', 'points? de terminaison', 'bases? de donnees',
    'schnittstellen?', 'endpunkte?', 'datenbank(?:en)?', 'dienst', 'bancos? de dados', 'bases? de dados', 'サーバー?',
    'データベース', 'エンドポイント', 'バックエンド',
  ]),
  data: terms([
    'manage', 'managing', 'management', 'crud', 'track', 'tracking', 'tracker', 'persist', 'persistence', 'records?',
    'inventory', 'entity', 'entities', 'gestionar', 'gestion', 'administrar', 'guardar', 'registrar', 'gerer',
    'enregistrer', 'stocker', 'verwalten', 'verwaltung', 'speichern', 'gerenciar', 'gerir', 'gestao', 'armazenar', '管理',
    '保存', '登録',
  ]),
  deploy: terms([
    'deploy', 'deploys', 'deployment', 'deploying', 'pipelines?', 'ci', 'ci/cd',
    'continuous (?:integration|delivery|deployment)', 'github actions', 'gitlab(?:[- ]ci)?', 'docker', 'dockerfile',
    'docker[- ]compose', 'containers?', 'containeri[sz]e', 'kubernetes', 'k8s', 'helm', 'vercel', 'fly\\.io', 'heroku',
    'aws', 'gcp', 'azure', 'desplegar', 'despliegue', 'despliega', 'contenedor', 'contenedores', 'integracion continua',
    'deployer', 'deploiement', 'deploie', 'deployez', 'conteneurs?', 'integration continue', 'bereitstellen',
    'bereitstellung', 'deployen', 'ausrollen', 'kontinuierliche integration', 'implantar', 'implantacao', 'implante',
    'conteiner', 'conteineres', 'integracao continua', 'デプロイ', 'パイプライン', 'コンテナ', 'ドッカー', '継続的インテグレーション',
  ]),
  tests: terms([
    'tests?', 'testing', 'e2e', 'end-to-end', 'coverage', 'vitest', 'jest', 'playwright', 'cypress', 'pruebas?',
    'essais?', 'testen', 'teste', 'testes', 'テスト',
  ]),
  styling: terms([
    'css', 'scss', 'sass', 'styles?', 'styling', 'stylesheet', 'tailwind', 'theme', 'colou?rs?', 'fonts?', 'padding',
    'margins?', 'align(?:ed|ment)?', 'misaligned', 'spacing', 'responsive', 'dark mode', 'hover', 'overflows?',
    'z-index', 'flexbox', 'estilos?', 'colores', 'margen', 'couleurs?', 'marges?', 'polices?', 'farben?', 'abstand',
    'schriftart', 'stil', 'cores?', 'margem', 'fonte', 'スタイル', 'レイアウト', 'デザイン',
  ]),
};

/** Words that ask for new work rather than a fix; a styling request without them is a styling fix. */
// prettier-ignore
export const CREATE_INTENT = terms([
  'build', 'create', 'add', 'implement', 'make', 'develop', 'scaffold', 'generate', 'design', 'crea', 'crear',
  'construye', 'construir', 'anade', 'agrega', 'implementa', 'desarrolla', 'cree', 'creer', 'creez', 'construis',
  'construire', 'ajoute', 'ajouter', 'ajoutez', 'implemente', 'developpe', 'erstelle', 'erstellen', 'baue', 'bauen',
  'entwickle', 'implementiere', 'fuge', 'crie', 'criar', 'construa', 'adicione', 'adicionar', 'desenvolva',
  'implemente', '作成', '作って', '作る', '構築', '追加', '実装', '開発',
]);

/** Feature ids, as listed in the `RequestAnalysis` TSDoc, with the words that signal them. */
// prettier-ignore
export const FEATURE_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'crud',
    terms([
      'crud', 'create,? (?:read,? )?(?:update|edit)', 'manage', 'managing', 'management', 'gestionar', 'gerer',
      'verwalten', 'gerenciar', 'gerir', '管理',
    ]),
  ],
  [
    'auth',
    terms([
      'auth', 'authentication', 'authorization', 'login', 'log in', 'sign[- ]?in', 'sign[- ]?up', 'jwt', 'oauth',
      'sessions?', 'iniciar sesion', 'autenticacion', 'connexion', 'authentification', 'anmeldung', 'authentifizierung',
      'autenticacao', 'ログイン', '認証',
    ]),
  ],
  [
    'realtime',
    terms([
      'real[- ]?time', 'websockets?', 'live updates?', 'server-sent events', 'tiempo real', 'temps reel', 'echtzeit',
      'tempo real', 'リアルタイム',
    ]),
  ],
  [
    'search',
    terms([
      'search', 'filter(?:s|ing)?', 'buscar', 'busqueda', 'recherche', 'rechercher', 'suche', 'suchen', 'pesquisa',
      'busca', '検索',
    ]),
  ],
  [
    'upload',
    terms([
      'uploads?', 'attachments?', 'file upload', 'subir archivos?', 'televers(?:er|ement)', 'hochladen',
      'carregar arquivos?', 'アップロード',
    ]),
  ],
  [
    'payments',
    terms([
      'payments?', 'stripe', 'checkout', 'billing', 'pagos?', 'paiements?', 'zahlungs?', 'zahlungen', 'pagamentos?',
      '決済', '支払',
    ]),
  ],
  [
    'notifications',
    terms([
      'notifications?', 'notify', 'reminders?', 'notificacion(?:es)?', 'rappels?', 'benachrichtigung(?:en)?',
      'notificac(?:ao|oes)', '通知',
    ]),
  ],
  ['styling', CONCEPT_PATTERNS.styling],
  [
    'ci',
    terms([
      'ci', 'ci/cd', 'continuous integration', 'pipelines?', 'github actions', 'gitlab(?:[- ]ci)?',
      'integracion continua', 'integration continue', 'kontinuierliche integration', 'integracao continua', 'パイプライン',
      '継続的インテグレーション',
    ]),
  ],
  [
    'containers',
    terms([
      'docker', 'dockerfile', 'containers?', 'containeri[sz]e', 'podman', 'contenedor(?:es)?', 'conteneurs?',
      'conteiner(?:es)?', 'コンテナ', 'ドッカー',
    ]),
  ],
  ['kubernetes', terms(['kubernetes', 'k8s', 'helm'])],
  ['compose', terms(['docker[- ]compose', 'compose'])],
  ['tests', CONCEPT_PATTERNS.tests],
  [
    'docs',
    terms([
      'docs', 'document', 'documentation', 'readme', 'documentacion', 'dokumentation', 'documentacao', 'ドキュメント',
    ]),
  ],
  [
    'i18n',
    terms([
      'i18n', 'internationali[sz]ation', 'translations?', 'locali[sz]ation', 'multi-?language', 'multilingual',
      'idiomas', 'traductions?', 'ubersetzung(?:en)?', 'traducao', '多言語',
    ]),
  ],
  [
    'accessibility',
    terms([
      'accessibility', 'accessible', 'a11y', 'aria', 'screen readers?', 'wcag', 'accesibilidad', 'accessibilite',
      'barrierefrei(?:heit)?', 'acessibilidade', 'アクセシビリティ',
    ]),
  ],
];

/** Words that put a bare product name that is also a common word (`express`, `vue`) in product position. */
const PRECEDING_PRODUCT = '(?:with|using|in|on|en|avec|mit|com|con|and|y|et|und|e|use|usa|utilise|nutze|usar)';

/** Stack tables: first match in table order wins (Next.js before React, Postgres before Redis). */
export const FRONTEND_STACK: ReadonlyArray<readonly [string, RegExp]> = [
  ['next', terms(['next\\.?js'])],
  ['react', terms(['react(?:\\.?js)?'])],
  ['vue', terms(['vue\\.?js', 'vue ?[23]', 'nuxt', `(?<=${PRECEDING_PRODUCT} )vue(?! (?:de|du|des|d'|liste))`])],
  ['angular', terms(['angular'])],
  ['svelte', terms(['svelte(?:kit)?'])],
];
export const BACKEND_STACK: ReadonlyArray<readonly [string, RegExp]> = [
  ['nest', terms(['nest\\.?js', 'nest'])],
  [
    'express',
    terms([
      'express\\.?js',
      'express(?= (?:server|api|backend|app|routes?|router|middleware))',
      `(?<=${PRECEDING_PRODUCT} )express`,
    ]),
  ],
  ['fastify', terms(['fastify'])],
  ['koa', terms(['koa'])],
  ['hono', terms(['hono'])],
];
export const DATABASE_STACK: ReadonlyArray<readonly [string, RegExp]> = [
  ['postgres', terms(['postgres(?:ql)?', 'pg'])],
  ['mysql', terms(['mysql', 'mariadb'])],
  ['mongodb', terms(['mongo(?:db)?'])],
  ['sqlite', terms(['sqlite3?'])],
  ['redis', terms(['redis'])],
];
export const CLOUD_STACK: ReadonlyArray<readonly [string, RegExp]> = [
  ['aws', terms(['aws', 'amazon web services', 'ecs', 'lambda'])],
  ['gcp', terms(['gcp', 'google cloud', 'cloud run'])],
  ['azure', terms(['azure'])],
  ['fly', terms(['fly\\.io', 'flyctl'])],
  ['vercel', terms(['vercel'])],
];

export const GITLAB_CI = terms(['gitlab(?:[- ]ci)?', '\\.gitlab-ci\\.yml']);
export const JAVASCRIPT = terms(['javascript', 'plain js', 'vanilla js']);
export const TYPESCRIPT = terms(['typescript', 'ts']);
export const NO_TYPESCRIPT = terms(['(?:no|not|without|sin|sans|ohne|sem) typescript']);

/** The first name in `table` whose pattern matches `text`, else null. */
export function firstMatch(table: ReadonlyArray<readonly [string, RegExp]>, text: string): string | null {
  return table.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}
