import fc from 'fast-check';

/** One generated message: its category (for reporting) and the raw bytes to send. */
export interface MalformedMessage {
  category: string;
  body: string;
}

/** 10 MiB: the "10 MB string" case of issue #6 (also the stdio transport's default line limit). */
export const TEN_MB = 10 * 1024 * 1024;

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const idLike = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }));
const KNOWN_METHODS = [
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/read',
  'resources/templates/list',
  'prompts/list',
  'prompts/get',
  'logging/setLevel',
  'completion/complete',
  'server/discover',
  'subscriptions/listen',
  'tasks/get',
  'notifications/initialized',
  'notifications/cancelled',
  'notifications/progress',
];
/** Tools whose calls are cheap; heavy tools only ever get arguments of the wrong type here. */
const LIGHT_TOOLS = ['ping', 'list_capabilities', 'get_system_status', 'generate_architecture', 'no_such_tool'];

const rpc = (fields: Record<string, unknown>): string => JSON.stringify({ jsonrpc: '2.0', ...fields });
const cat = (category: string, arb: fc.Arbitrary<string>): fc.Arbitrary<MalformedMessage> =>
  arb.map((body) => ({ category, body }));

/** Text that is not JSON: truncations of valid messages, stray tokens, random characters. */
const badJson = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => !isJson(s)),
  fc
    .tuple(fc.constantFrom(...KNOWN_METHODS), fc.nat({ max: 40 }))
    .map(([m, cut]) => rpc({ id: 1, method: m }).slice(0, cut)),
  fc.constantFrom(
    '{',
    '}',
    '[',
    '{"jsonrpc":"2.0",}',
    "{'jsonrpc':'2.0'}",
    'NaN',
    'undefined',
    '{"a":01}',
    '\u0000',
    '\uFFFF{',
  ),
);

/** JSON-RPC fields of the wrong type or value. */
const wrongTypes = fc
  .record(
    {
      jsonrpc: fc.oneof(fc.constant('2.0'), fc.constant('1.0'), fc.constant(2), fc.constant(null)),
      id: fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.array(fc.nat(), { maxLength: 2 }),
        fc.object({ maxDepth: 1 }),
      ),
      method: fc.oneof(
        fc.integer(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.constantFrom(...KNOWN_METHODS),
      ),
      params: fc.oneof(fc.string(), fc.integer(), fc.array(jsonValue, { maxLength: 3 }), fc.constant(null)),
    },
    { requiredKeys: [] },
  )
  .map((r) => JSON.stringify(r));

/** Ids at and past the edges of what JSON numbers and strings carry. */
const hugeIds = fc
  .oneof(
    fc.constantFrom('1e308', '-1e308', '9007199254740993', '1.7976931348623157e309', '-0', '1e-400'),
    fc.nat({ max: 20_000 }).map((n) => `9${'9'.repeat(n)}`),
    fc.nat({ max: 100_000 }).map((n) => JSON.stringify('i'.repeat(n))),
  )
  .chain((id) =>
    fc.constantFrom('ping', 'tools/list', 'bogus/method').map((m) => `{"jsonrpc":"2.0","id":${id},"method":"${m}"}`),
  );

/** Params nested thousands of levels deep (arrays or objects). */
const deepNesting = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.boolean(), fc.constantFrom('ping', 'tools/call', 'initialize'))
  .map(([depth, arrays, method]) => {
    const nested = arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return `{"jsonrpc":"2.0","id":7,"method":"${method}","params":{"deep":${nested}}}`;
  });

/** One string of 10 MiB in an otherwise ordinary request. */
const tenMegabytes = fc
  .constantFrom('ping', 'tools/call')
  .map((method) => `{"jsonrpc":"2.0","id":"big","method":"${method}","params":{"s":"${'x'.repeat(TEN_MB)}"}}`);

const unknownMethods = fc.oneof(
  fc.string({ maxLength: 60 }).map((method) => rpc({ id: 3, method })),
  fc
    .constantFrom('__proto__', 'constructor', 'rpc.discover', 'tools/call/extra', '../../etc/passwd', 'toString')
    .map((method) => rpc({ id: 4, method, params: {} })),
);

const notificationsWithIds = fc
  .tuple(
    fc.constantFrom(
      'notifications/initialized',
      'notifications/cancelled',
      'notifications/progress',
      'notifications/x',
    ),
    idLike,
    jsonValue,
  )
  .map(([method, id, params]) => rpc({ id, method, params }));

/** Real methods with params of the wrong shape (cheap tools only, so nothing heavy actually runs). */
const badParams = fc.oneof(
  fc
    .tuple(fc.constantFrom(...LIGHT_TOOLS), jsonValue)
    .map(([name, args]) => rpc({ id: 5, method: 'tools/call', params: { name, arguments: args } })),
  fc
    .tuple(
      fc.constantFrom('orchestrate_task', 'auto_fix_code'),
      fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.nat())),
    )
    .map(([name, args]) => rpc({ id: 6, method: 'tools/call', params: { name, arguments: args } })),
  fc.tuple(fc.constantFrom(...KNOWN_METHODS), jsonValue).map(([method, params]) => rpc({ id: 8, method, params })),
  fc.constant('{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"__proto__":{"polluted":true},"name":"ping"}}'),
);

/** Batches: empty, nested, mixed valid and invalid, and large. */
const batches = fc.oneof(
  fc.constant('[]'),
  fc.constant('[[]]'),
  fc
    .array(fc.oneof(fc.constant({ jsonrpc: '2.0', id: 1, method: 'ping' }), jsonValue), { minLength: 1, maxLength: 20 })
    .map((a) => JSON.stringify(a)),
  fc
    .integer({ min: 100, max: 2_000 })
    .map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'bogus' })))),
);

/** Every category, weighted so that the expensive ones (10 MB, deep nesting) stay a small share. */
export function malformedMessage(): fc.Arbitrary<MalformedMessage> {
  return fc.oneof(
    { weight: 20, arbitrary: cat('bad-json', badJson) },
    { weight: 20, arbitrary: cat('wrong-types', wrongTypes) },
    { weight: 8, arbitrary: cat('huge-id', hugeIds) },
    { weight: 3, arbitrary: cat('deep-nesting', deepNesting) },
    { weight: 15, arbitrary: cat('unknown-method', unknownMethods) },
    { weight: 10, arbitrary: cat('notification-with-id', notificationsWithIds) },
    { weight: 15, arbitrary: cat('bad-params', badParams) },
    { weight: 8, arbitrary: cat('batch', batches) },
  );
}

/**
 * Yields `count` messages deterministically from `seed`, sampled in chunks so that only a chunk is in memory at a
 * time. Every 1,000th message is a 10 MiB string (at least one whenever `count` ≥ 1,000).
 */
export function* generateMalformedMessages(count: number, seed: number): Generator<MalformedMessage> {
  const CHUNK = 250;
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    const chunk = fc.sample(malformedMessage(), { seed: seed + start, numRuns: size });
    for (let i = 0; i < chunk.length; i += 1) {
      const index = start + i;
      if (index % 1_000 === 999)
        yield { category: '10mb-string', body: fc.sample(tenMegabytes, { seed: seed + index, numRuns: 1 })[0] ?? '' };
      else yield chunk[i] as MalformedMessage;
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
