import type { ApiStyle } from '../../src/contracts/architecture.js';
import { hasTech, type DesignContext } from './context.js';

type Complement = ApiStyle['complements'][number];

const REST_WHY =
  'REST over HTTPS with an OpenAPI 3.1 contract: cacheable, understood by every client and gateway, easy to secure and version.';
const GRAPHQL_WHY =
  'GraphQL is named in the tech stack: one typed schema lets web and mobile clients fetch exactly the fields each screen needs.';
const ASYNC_WHY =
  'Producers publish events and consumers subscribe; contracts are event schemas documented with AsyncAPI, so producers never wait on consumers.';

/** A complement and when it applies. */
const COMPLEMENTS: ReadonlyArray<[applies: (ctx: DesignContext) => boolean, complement: Complement]> = [
  [
    (ctx) => ctx.style.id === 'event-driven' && !hasTech(ctx, 'graphql'),
    {
      style: 'REST',
      use: 'Query API for dashboards and clients',
      why: 'Reads of materialised views are request/response.',
    },
  ],
  [
    (ctx) => ctx.style.id === 'microservices' || hasTech(ctx, 'grpc'),
    {
      style: 'gRPC',
      use: 'Internal service-to-service calls',
      why: 'Binary protobuf contracts over HTTP/2 cut latency and give typed, versioned interfaces between services.',
    },
  ],
  [
    (ctx) =>
      ctx.style.id !== 'event-driven' &&
      (ctx.style.id === 'microservices' || !!ctx.facts.first('notifications') || !!ctx.facts.first('long_running')),
    {
      style: 'async',
      use: 'Jobs and domain events through the queue',
      why: 'Slow or failure-prone work is retried without holding a request open.',
    },
  ],
  [
    (ctx) => !!ctx.facts.first('real_time'),
    {
      style: 'WebSocket',
      use: 'Chat, presence and live updates',
      why: 'Server push over one long-lived connection instead of polling.',
    },
  ],
  [
    (ctx) => !!ctx.facts.first('video'),
    {
      style: 'WebRTC',
      use: 'Audio/video media between participants',
      why: 'Encrypted (DTLS-SRTP), low-latency media that bypasses the app servers.',
    },
  ],
  [
    (ctx) => !!ctx.facts.first('event_handlers') || !!ctx.facts.first('payments'),
    {
      style: 'Webhooks',
      use: 'Inbound events from third parties (payments, integrations)',
      why: 'Providers push events; handlers verify signatures and are idempotent.',
    },
  ],
];

/**
 * Chooses the API style. Rules: GraphQL when the stack names it; async messaging (documented with AsyncAPI)
 * when the style is event-driven; REST with OpenAPI otherwise, the default for web and mobile clients
 * (Microsoft REST API Guidelines; Azure Architecture Center "API design"). Complements add gRPC for internal
 * calls between microservices, WebSocket for real-time, WebRTC for video, webhooks for third-party events.
 */
export function designApiStyle(ctx: DesignContext): ApiStyle {
  const complements = COMPLEMENTS.filter(([applies]) => applies(ctx)).map(([, complement]) => ({ ...complement }));
  if (hasTech(ctx, 'graphql')) return { primary: 'GraphQL', why: GRAPHQL_WHY, complements };
  if (ctx.style.id === 'event-driven') return { primary: 'async', why: ASYNC_WHY, complements };
  return { primary: 'REST', why: REST_WHY, complements };
}
