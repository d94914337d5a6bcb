/** What role a technology plays; data-store categories match `DATA_STORE_TYPES` where one applies. */
export type TechCategory =
  | 'language'
  | 'frontend'
  | 'mobile'
  | 'runtime'
  | 'backend'
  | 'relational'
  | 'document'
  | 'key-value'
  | 'cache'
  | 'queue'
  | 'stream'
  | 'search'
  | 'object'
  | 'time-series'
  | 'warehouse'
  | 'event-store'
  | 'cloud'
  | 'paas'
  | 'container'
  | 'serverless'
  | 'realtime'
  | 'video'
  | 'api'
  | 'ci'
  | 'iac'
  | 'observability'
  | 'identity'
  | 'payments';

/** One known technology. `id` is kebab-case; `name` is the product's own spelling. */
export interface Technology {
  id: string;
  name: string;
  category: TechCategory;
  pattern: RegExp;
}

type Row = [id: string, name: string, category: TechCategory, pattern: string];

/**
 * The technologies the engine can reason about. Anything else named in `tech_stack` is reported as
 * "not assessed", never guessed about. Patterns are matched case-insensitively against one stack item.
 */
const ROWS: readonly Row[] = [
  ['typescript', 'TypeScript', 'language', String.raw`\btypescript\b|^ts$`],
  ['javascript', 'JavaScript', 'language', String.raw`\bjavascript\b|^js$`],
  ['python', 'Python', 'language', String.raw`\bpython\b`],
  ['go', 'Go', 'language', String.raw`^go(?:lang)?(?:\s+[\d.]+)?$|\bgolang\b`],
  ['java', 'Java', 'language', String.raw`\bjava\b(?!\s*script)`],
  ['kotlin', 'Kotlin', 'language', String.raw`\bkotlin\b`],
  ['csharp', 'C#', 'language', String.raw`c#|\bcsharp\b`],
  ['ruby', 'Ruby', 'language', String.raw`\bruby\b`],
  ['php', 'PHP', 'language', String.raw`\bphp\b`],
  ['rust', 'Rust', 'language', String.raw`\brust\b`],
  ['elixir', 'Elixir', 'language', String.raw`\belixir\b`],
  ['react', 'React', 'frontend', String.raw`\breact(?:\.?js)?\b(?!\s*native)`],
  ['nextjs', 'Next.js', 'frontend', String.raw`\bnext(?:\.?js)\b`],
  ['vue', 'Vue', 'frontend', String.raw`\bvue(?:\.?js)?\b`],
  ['nuxt', 'Nuxt', 'frontend', String.raw`\bnuxt\b`],
  ['angular', 'Angular', 'frontend', String.raw`\bangular\b`],
  ['svelte', 'Svelte', 'frontend', String.raw`\bsvelte(?:kit)?\b`],
  ['react-native', 'React Native', 'mobile', String.raw`\breact[\s-]native\b`],
  ['flutter', 'Flutter', 'mobile', String.raw`\bflutter\b`],
  ['swift', 'Swift', 'mobile', String.raw`\bswift(?:ui)?\b`],
  ['nodejs', 'Node.js', 'runtime', String.raw`\bnode(?:\.?js)?\b`],
  ['deno', 'Deno', 'runtime', String.raw`\bdeno\b`],
  ['express', 'Express', 'backend', String.raw`\bexpress(?:\.?js)?\b`],
  ['fastify', 'Fastify', 'backend', String.raw`\bfastify\b`],
  ['nestjs', 'NestJS', 'backend', String.raw`\bnest(?:\.?js)\b`],
  ['django', 'Django', 'backend', String.raw`\bdjango\b`],
  ['flask', 'Flask', 'backend', String.raw`\bflask\b`],
  ['fastapi', 'FastAPI', 'backend', String.raw`\bfastapi\b`],
  ['spring', 'Spring Boot', 'backend', String.raw`\bspring(?:\s*boot)?\b`],
  ['dotnet', 'ASP.NET Core', 'backend', String.raw`\.net\b|\basp\.net\b|\bdotnet\b`],
  ['rails', 'Ruby on Rails', 'backend', String.raw`\brails\b`],
  ['laravel', 'Laravel', 'backend', String.raw`\blaravel\b`],
  ['phoenix', 'Phoenix', 'backend', String.raw`\bphoenix\b`],
  ['postgresql', 'PostgreSQL', 'relational', String.raw`\bpostgres(?:ql)?\b|\bpg\b`],
  ['mysql', 'MySQL', 'relational', String.raw`\bmysql\b`],
  ['mariadb', 'MariaDB', 'relational', String.raw`\bmariadb\b`],
  ['sqlserver', 'SQL Server', 'relational', String.raw`\bsql\s*server\b|\bmssql\b|\bazure sql\b`],
  ['oracle', 'Oracle Database', 'relational', String.raw`\boracle\b`],
  ['sqlite', 'SQLite', 'relational', String.raw`\bsqlite\b`],
  ['cockroachdb', 'CockroachDB', 'relational', String.raw`\bcockroach(?:db)?\b`],
  ['aurora', 'Amazon Aurora', 'relational', String.raw`\baurora\b`],
  ['spanner', 'Cloud Spanner', 'relational', String.raw`\bspanner\b`],
  ['mongodb', 'MongoDB', 'document', String.raw`\bmongo(?:db)?\b`],
  ['dynamodb', 'DynamoDB', 'key-value', String.raw`\bdynamo(?:db)?\b`],
  ['firestore', 'Firestore', 'document', String.raw`\bfirestore\b|\bfirebase\b`],
  ['cassandra', 'Apache Cassandra', 'key-value', String.raw`\bcassandra\b|\bscylla(?:db)?\b`],
  ['couchdb', 'CouchDB', 'document', String.raw`\bcouch(?:db|base)\b`],
  ['cosmosdb', 'Azure Cosmos DB', 'document', String.raw`\bcosmos\s*db\b`],
  ['redis', 'Redis', 'cache', String.raw`\bredis\b|\bvalkey\b|\belasticache\b`],
  ['memcached', 'Memcached', 'cache', String.raw`\bmemcached?\b`],
  ['rabbitmq', 'RabbitMQ', 'queue', String.raw`\brabbit\s*mq\b`],
  ['sqs', 'Amazon SQS', 'queue', String.raw`\bsqs\b`],
  ['sns', 'Amazon SNS', 'queue', String.raw`\bsns\b`],
  ['servicebus', 'Azure Service Bus', 'queue', String.raw`\bservice\s*bus\b`],
  ['bullmq', 'BullMQ', 'queue', String.raw`\bbull(?:mq)?\b`],
  ['celery', 'Celery', 'queue', String.raw`\bcelery\b`],
  ['kafka', 'Apache Kafka', 'stream', String.raw`\bkafka\b|\bmsk\b|\bredpanda\b`],
  ['kinesis', 'Amazon Kinesis', 'stream', String.raw`\bkinesis\b`],
  ['pubsub', 'Google Pub/Sub', 'stream', String.raw`\bpub-?sub\b`],
  ['eventhubs', 'Azure Event Hubs', 'stream', String.raw`\bevent\s*hubs?\b`],
  ['eventbridge', 'Amazon EventBridge', 'stream', String.raw`\beventbridge\b`],
  ['nats', 'NATS', 'stream', String.raw`\bnats\b`],
  ['mqtt', 'MQTT', 'stream', String.raw`\bmqtt\b|\bmosquitto\b|\bemqx\b`],
  ['elasticsearch', 'Elasticsearch', 'search', String.raw`\belastic\s*search\b|\belk\b`],
  ['opensearch', 'OpenSearch', 'search', String.raw`\bopensearch\b`],
  ['algolia', 'Algolia', 'search', String.raw`\balgolia\b`],
  ['meilisearch', 'Meilisearch', 'search', String.raw`\bmeili\s*search\b`],
  ['s3', 'Amazon S3', 'object', String.raw`\bs3\b`],
  ['blob', 'Azure Blob Storage', 'object', String.raw`\bblob\s*storage\b`],
  ['gcs', 'Google Cloud Storage', 'object', String.raw`\bgcs\b|\bcloud storage\b`],
  ['minio', 'MinIO', 'object', String.raw`\bminio\b`],
  ['timescaledb', 'TimescaleDB', 'time-series', String.raw`\btimescale(?:db)?\b`],
  ['influxdb', 'InfluxDB', 'time-series', String.raw`\binflux(?:db)?\b`],
  ['snowflake', 'Snowflake', 'warehouse', String.raw`\bsnowflake\b`],
  ['bigquery', 'BigQuery', 'warehouse', String.raw`\bbig\s*query\b`],
  ['redshift', 'Amazon Redshift', 'warehouse', String.raw`\bredshift\b`],
  ['clickhouse', 'ClickHouse', 'warehouse', String.raw`\bclick\s*house\b`],
  ['eventstoredb', 'EventStoreDB', 'event-store', String.raw`\bevent\s*store(?:db)?\b|\bkurrent(?:db)?\b`],
  ['aws', 'AWS', 'cloud', String.raw`\baws\b|\bamazon web services\b`],
  ['azure', 'Azure', 'cloud', String.raw`\bazure\b`],
  ['gcp', 'Google Cloud', 'cloud', String.raw`\bgcp\b|\bgoogle cloud(?: platform)?\b`],
  ['heroku', 'Heroku', 'paas', String.raw`\bheroku\b`],
  ['vercel', 'Vercel', 'serverless', String.raw`\bvercel\b`],
  ['netlify', 'Netlify', 'serverless', String.raw`\bnetlify\b`],
  ['cloudflare-workers', 'Cloudflare Workers', 'serverless', String.raw`\bcloudflare\b`],
  ['flyio', 'Fly.io', 'paas', String.raw`\bfly\.io\b`],
  ['docker', 'Docker', 'container', String.raw`\bdocker\b|\bcontainers?\b`],
  ['kubernetes', 'Kubernetes', 'container', String.raw`\bkubernetes\b|\bk8s\b|\beks\b|\baks\b|\bgke\b`],
  ['ecs', 'Amazon ECS', 'container', String.raw`\becs\b|\bfargate\b`],
  ['cloud-run', 'Cloud Run', 'container', String.raw`\bcloud run\b`],
  ['lambda', 'AWS Lambda', 'serverless', String.raw`\blambda\b`],
  ['azure-functions', 'Azure Functions', 'serverless', String.raw`\bazure functions?\b`],
  ['cloud-functions', 'Cloud Functions', 'serverless', String.raw`\bcloud functions?\b`],
  ['websocket', 'WebSockets', 'realtime', String.raw`\bweb\s*sockets?\b|\bws\b`],
  ['socketio', 'Socket.IO', 'realtime', String.raw`\bsocket\.?io\b`],
  ['webrtc', 'WebRTC', 'video', String.raw`\bwebrtc\b`],
  ['twilio', 'Twilio', 'video', String.raw`\btwilio\b`],
  ['graphql', 'GraphQL', 'api', String.raw`\bgraphql\b|\bapollo\b`],
  ['grpc', 'gRPC', 'api', String.raw`\bgrpc\b`],
  ['rest', 'REST', 'api', String.raw`\brest(?:ful)?\b|\bopenapi\b`],
  ['github-actions', 'GitHub Actions', 'ci', String.raw`\bgithub\s*actions\b`],
  ['github', 'GitHub', 'ci', String.raw`\bgithub\b(?!\s*actions)`],
  ['gitlab-ci', 'GitLab CI', 'ci', String.raw`\bgitlab\b`],
  ['jenkins', 'Jenkins', 'ci', String.raw`\bjenkins\b`],
  ['terraform', 'Terraform', 'iac', String.raw`\bterraform\b|\bopentofu\b`],
  ['pulumi', 'Pulumi', 'iac', String.raw`\bpulumi\b`],
  ['opentelemetry', 'OpenTelemetry', 'observability', String.raw`\bopen\s*telemetry\b|\botel\b`],
  ['prometheus', 'Prometheus', 'observability', String.raw`\bprometheus\b|\bgrafana\b`],
  ['datadog', 'Datadog', 'observability', String.raw`\bdatadog\b`],
  ['auth0', 'Auth0', 'identity', String.raw`\bauth0\b`],
  ['keycloak', 'Keycloak', 'identity', String.raw`\bkeycloak\b`],
  ['cognito', 'Amazon Cognito', 'identity', String.raw`\bcognito\b`],
  ['okta', 'Okta', 'identity', String.raw`\bokta\b`],
  ['stripe', 'Stripe', 'payments', String.raw`\bstripe\b`],
];

/** The catalogue, built once; entries are frozen and their patterns non-global (no shared `lastIndex`). */
export const TECHNOLOGIES: readonly Technology[] = Object.freeze(
  ROWS.map(([id, name, category, pattern]) => Object.freeze({ id, name, category, pattern: new RegExp(pattern, 'i') })),
);

/** A technology named in `tech_stack`, with the item it was read from. */
export interface NamedTechnology extends Technology {
  written: string;
}

/** What the stack names: known technologies (in order of first mention) and items the catalogue does not know. */
export interface ParsedStack {
  known: NamedTechnology[];
  unknown: string[];
}

/**
 * Splits `tech_stack` items on `,` `;` `+` `/` `&` `|`, "and", "with" and parentheses (keeping `CI/CD`, `Pub/Sub`),
 * then matches each piece against {@link TECHNOLOGIES}. A piece that names nothing known and has a letter in it
 * is `unknown`.
 */
export function parseStack(items: readonly string[]): ParsedStack {
  const known: NamedTechnology[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const protectedItem = item
      .replace(/\bCI\/CD\b/gi, 'CI-CD')
      .replace(/\bpub\/sub\b/gi, 'pub-sub')
      .replace(/\breq\/s\b/gi, 'req-s');
    for (const raw of protectedItem.split(/\s*(?:[,;+/&|()]|\band\b|\bwith\b)\s*/i)) {
      const piece = raw.trim();
      if (!/[a-z]/i.test(piece)) continue;
      const matches = TECHNOLOGIES.filter((t) => t.pattern.test(piece));
      for (const tech of matches) if (!known.some((k) => k.id === tech.id)) known.push({ ...tech, written: piece });
      if (matches.length === 0 && !unknown.includes(piece)) unknown.push(piece);
    }
  }
  return { known, unknown };
}

/** Products that pin a cloud provider, so `Amazon S3` alone implies AWS. */
const CLOUD_OF: Readonly<Record<string, 'aws' | 'azure' | 'gcp'>> = {
  aws: 'aws',
  s3: 'aws',
  sqs: 'aws',
  sns: 'aws',
  lambda: 'aws',
  dynamodb: 'aws',
  kinesis: 'aws',
  eventbridge: 'aws',
  ecs: 'aws',
  aurora: 'aws',
  redshift: 'aws',
  cognito: 'aws',
  azure: 'azure',
  'azure-functions': 'azure',
  blob: 'azure',
  servicebus: 'azure',
  eventhubs: 'azure',
  cosmosdb: 'azure',
  gcp: 'gcp',
  gcs: 'gcp',
  pubsub: 'gcp',
  bigquery: 'gcp',
  spanner: 'gcp',
  'cloud-run': 'gcp',
  'cloud-functions': 'gcp',
  firestore: 'gcp',
};

/** The cloud provider the stack commits to (the first one implied, in stack order), or null. */
export function cloudOf(stack: ParsedStack): 'aws' | 'azure' | 'gcp' | null {
  for (const tech of stack.known) {
    const cloud = CLOUD_OF[tech.id];
    if (cloud) return cloud;
  }
  return null;
}
