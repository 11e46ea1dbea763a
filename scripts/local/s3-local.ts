import { mkdirSync } from 'node:fs';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { isPortFree, LocalStackError } from './dynamodb-local.js';

export interface StartS3LocalOptions {
  port: number;
  /** Bucket data lives here and survives restarts. */
  directory: string;
  buckets: string[];
  /** Origins allowed to upload from the browser (presigned POST) and read objects. */
  allowedOrigins: string[];
  /** Env var named in the "port is busy" message. */
  portEnvVar?: string;
}

export interface S3LocalHandle {
  endpoint: string;
  stop(): Promise<void>;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Builds the bucket CORS XML that lets browsers POST/PUT/GET objects directly. */
export function corsXml(allowedOrigins: string[]): string {
  const origins = allowedOrigins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('');
  const methods = ['GET', 'PUT', 'POST', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    `${origins}${methods}<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>` +
    '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>'
  );
}

/** S3 client settings that work against the local s3rver endpoint. */
export function localS3ClientConfig(endpoint: string) {
  return {
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
}

/** Starts s3rver in-process with the given buckets (created if missing, CORS applied). */
export async function startS3Local(opts: StartS3LocalOptions): Promise<S3LocalHandle> {
  const { port, directory, buckets, allowedOrigins, portEnvVar = 'S3_PORT' } = opts;
  const host = '127.0.0.1';
  if (!(await isPortFree(port, host))) {
    throw new LocalStackError(`Port ${port} is busy: stop whatever uses it or set ${portEnvVar}=<another port>`);
  }
  mkdirSync(directory, { recursive: true });

  const configs = allowedOrigins.length ? [corsXml(allowedOrigins)] : [];
  const server = new S3rver({
    address: host,
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs })),
  });
  try {
    await server.run();
  } catch (err) {
    throw new LocalStackError(`S3 local did not start on port ${port}: ${(err as Error).message}`);
  }

  const endpoint = `http://${host}:${port}`;
  const stop = async (): Promise<void> => {
    const closed = server.close();
    // Keep-alive sockets from SDK clients would otherwise hold close() open.
    server.httpServer?.closeAllConnections();
    await closed;
  };

  const client = new S3Client({ ...localS3ClientConfig(endpoint), maxAttempts: 1 });
  try {
    for (const bucket of buckets) await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    await stop();
    throw new LocalStackError(`S3 local started but its buckets are missing (${(err as Error).name}); check ${directory}`);
  } finally {
    client.destroy();
  }
  return { endpoint, stop };
}
