import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import {
  checkJava,
  findFreePort,
  isPortFree,
  LocalStackError,
  parseJavaMajorVersion,
  startDynamoDbLocal,
} from '../../scripts/local/dynamodb-local.js';
import { localS3ClientConfig, startS3Local, type S3LocalHandle } from '../../scripts/local/s3-local.js';

// 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ORIGIN = 'http://localhost:3000';
const BUCKET = 'photos';
const MAX_BYTES = 5 * 1024 * 1024;

function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

async function occupy(port: number): Promise<{ close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('java', () => {
  it('parses `java -version` output from 1.8, 17 and 21', () => {
    expect(parseJavaMajorVersion('java version "1.8.0_292"\nJava(TM) SE Runtime Environment')).toBe(8);
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('openjdk version "21.0.2" 2024-01-16 LTS')).toBe(21);
    expect(parseJavaMajorVersion('bash: java: command not found')).toBeUndefined();
  });

  it('finds a usable Java on this machine', () => {
    expect(() => checkJava()).not.toThrow();
  });
});

describe('DynamoDB Local', () => {
  // The first run downloads ~64 MB into .cache/dynamodb-local.
  it('answers ListTables in memory and frees its port on stop', { timeout: 60_000 }, async () => {
    const port = await findFreePort();
    const started = Date.now();
    const ddb = await startDynamoDbLocal({ port });
    console.info(`DynamoDB Local answered after ${Date.now() - started} ms`);
    try {
      expect(ddb.endpoint).toBe(`http://127.0.0.1:${port}`);
      expect(ddb.pid).toBeGreaterThan(0);
      const client = dynamoClient(ddb.endpoint);
      const out = await client.send(new ListTablesCommand({}));
      client.destroy();
      expect(out.TableNames).toEqual([]);
    } finally {
      await ddb.stop();
    }
    expect(await isPortFree(port)).toBe(true);
  });

  it('keeps tables across restarts with dbPath', { timeout: 60_000 }, async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'vl-ddb-'));
    const port = await findFreePort();
    try {
      const first = await startDynamoDbLocal({ port, dbPath });
      const client = dynamoClient(first.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: 'kept',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      client.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ port, dbPath });
      const again = dynamoClient(second.endpoint);
      const out = await again.send(new ListTablesCommand({}));
      again.destroy();
      await second.stop();
      expect(out.TableNames).toEqual(['kept']);
    } finally {
      await rm(dbPath, { recursive: true, force: true });
    }
  });

  it('refuses a busy port with a one-line hint', { timeout: 60_000 }, async () => {
    const port = await findFreePort();
    const blocker = await occupy(port);
    try {
      const err = await startDynamoDbLocal({ port, portEnvVar: 'DYNAMODB_PORT' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LocalStackError);
      expect((err as Error).message).toBe(
        `Port ${port} is busy: stop whatever uses it or set DYNAMODB_PORT=<another port>`,
      );
    } finally {
      await blocker.close();
    }
  });
});

describe('S3 local (s3rver)', () => {
  let dir: string;
  let port: number;
  let s3: S3LocalHandle;
  let client: S3Client;

  const start = () => startS3Local({ port, directory: dir, buckets: [BUCKET], allowedOrigins: [ORIGIN] });

  /** Presigns a POST the way the app will: size range and exact content type. */
  async function presign(key: string) {
    return createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Conditions: [
        ['content-length-range', 1, MAX_BYTES],
        ['eq', '$Content-Type', 'image/png'],
      ],
      Fields: { 'Content-Type': 'image/png' },
      Expires: 300,
    });
  }

  async function upload(url: string, fields: Record<string, string>, body: Buffer, type: string) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    // S3 ignores every field after the file, so it must come last.
    form.append('file', new Blob([new Uint8Array(body)], { type }), 'photo.png');
    return fetch(url, { method: 'POST', body: form, headers: { Origin: ORIGIN } });
  }

  async function getBytes(key: string): Promise<Buffer> {
    const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    if (!out.Body) throw new Error(`no body for ${key}`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vl-s3-'));
    port = await findFreePort();
    s3 = await start();
    client = new S3Client(localS3ClientConfig(s3.endpoint));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a browser-style presigned POST upload and serves the same bytes', async () => {
    const { url, fields } = await presign('listing/1/a.png');
    expect(url).toBe(`${s3.endpoint}/${BUCKET}`);

    const res = await upload(url, fields, PNG, 'image/png');
    expect([201, 204]).toContain(res.status);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(res.headers.get('etag')).toBeTruthy();

    expect(await getBytes('listing/1/a.png')).toEqual(PNG);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'listing/1/a.png' }));
    expect(head.ContentType).toBe('image/png');
    expect(head.ContentLength).toBe(PNG.length);
  });

  it('answers a CORS preflight from the app origin and rejects other origins', async () => {
    const url = `${s3.endpoint}/${BUCKET}`;
    const ok = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(ok.status).toBe(200);
    // s3rver always answers preflights with `*`, not the echoed origin.
    expect(ok.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');

    const denied = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  // s3rver ignores the `policy` field entirely (lib/controllers/object.js: "unimplemented"),
  // so neither condition is enforced locally; the app must HeadObject after upload.
  it('does NOT enforce the POST policy Content-Type condition', async () => {
    const { url, fields } = await presign('listing/1/wrong-type.png');
    const res = await upload(url, { ...fields, 'Content-Type': 'text/plain' }, PNG, 'text/plain');
    expect(res.status).toBe(204);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'listing/1/wrong-type.png' }));
    expect(head.ContentType).toBe('text/plain');
  });

  it('does NOT enforce the POST policy content-length-range condition', async () => {
    const { url, fields } = await presign('listing/1/too-big.png');
    const tooBig = Buffer.alloc(MAX_BYTES + 1, 1);
    const empty = Buffer.alloc(0);
    expect((await upload(url, fields, tooBig, 'image/png')).status).toBe(204);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'listing/1/too-big.png' }));
    expect(head.ContentLength).toBe(MAX_BYTES + 1);

    const { url: url2, fields: fields2 } = await presign('listing/1/empty.png');
    expect((await upload(url2, fields2, empty, 'image/png')).status).toBe(204);
  });

  it('does NOT verify the POST signature either', async () => {
    const { url, fields } = await presign('listing/1/forged.png');
    const res = await upload(url, { ...fields, 'X-Amz-Signature': '0'.repeat(64), Policy: 'e30=' }, PNG, 'image/png');
    expect(res.status).toBe(204);
  });

  it('keeps buckets and objects across restarts and refuses a busy port', async () => {
    await s3.stop();
    expect(await isPortFree(port)).toBe(true);
    s3 = await start();
    expect(await getBytes('listing/1/a.png')).toEqual(PNG);

    const err = await start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalStackError);
    expect((err as Error).message).toBe(`Port ${port} is busy: stop whatever uses it or set S3_PORT=<another port>`);
  });
});
