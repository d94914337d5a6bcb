import { describe, expect, it } from 'vitest';
import { cloudOf, parseStack, TECHNOLOGIES } from '../../../../generators/architecture/tech-catalogue.js';

describe('parseStack', () => {
  it.each([
    [['TypeScript', 'React', 'PostgreSQL'], ['typescript', 'react', 'postgresql'], []],
    [['Node.js / Fastify'], ['nodejs', 'fastify'], []],
    [['React Native + Expo'], ['react-native'], ['Expo']],
    [['Postgres 16, Redis 7'], ['postgresql', 'redis'], []],
    [['AWS Lambda and DynamoDB'], ['aws', 'lambda', 'dynamodb'], []],
    [['Azure Functions'], ['azure', 'azure-functions'], []],
    [['GitHub Actions CI/CD'], ['github-actions'], []],
    [['Kafka (MSK)'], ['kafka'], []],
    [['Google Pub/Sub'], ['pubsub'], []],
    [['Java 21', 'JavaScript'], ['java', 'javascript'], []],
    [['Zorblax', '42'], [], ['Zorblax']],
  ])('%j → known %j, unknown %j', (items, known, unknown) => {
    const stack = parseStack(items);
    expect(stack.known.map((t) => t.id)).toEqual(known);
    expect(stack.unknown).toEqual(unknown);
  });

  it.each([
    [['Amazon S3'], 'aws'],
    [['Azure Blob Storage'], 'azure'],
    [['BigQuery', 'AWS'], 'gcp'],
    [['PostgreSQL'], null],
  ])('cloudOf(%j) = %s', (items, cloud) => {
    expect(cloudOf(parseStack(items))).toBe(cloud);
  });

  it('has unique ids and non-global patterns (no shared lastIndex state)', () => {
    expect(new Set(TECHNOLOGIES.map((t) => t.id)).size).toBe(TECHNOLOGIES.length);
    for (const tech of TECHNOLOGIES) expect(tech.pattern.global).toBe(false);
  });
});
