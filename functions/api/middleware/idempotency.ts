import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { requireActor } from '../../../shared/domain/actor.js';
import { IdempotencyKeyReusedError, IdempotentReplay, ValidationError } from '../../../shared/domain/errors.js';
import type { Clock } from '../../../shared/domain/ids.js';
import type { IdempotencyStore } from '../../../shared/domain/ports.js';
import type { AppEnv } from '../env.js';

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** Key order in a JSON body must not make two equal requests look different. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

async function fingerprintOf(method: string, path: string, body: string): Promise<string> {
  let normalized = body;
  try {
    normalized = JSON.stringify(canonical(JSON.parse(body)));
  } catch {
    // Not JSON: the validator will reject it; fingerprint the raw text meanwhile.
  }
  return createHash('sha256').update(`${method}\n${path}\n${normalized}`).digest('hex');
}

/**
 * Makes a create retryable. With an `Idempotency-Key`, a repeat of the same request replays the first answer
 * and a different request under the same key is a 422. The first request's use case stores its answer in the
 * same transaction as what it creates (see `IdempotencyClaim`), so concurrent repeats cannot create twice.
 */
export function idempotent(
  deps: { idempotency: IdempotencyStore; clock: Clock },
  successStatus: number,
  options: { lookUpFirst?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  // With lookUpFirst off, the create's own transaction detects a repeat (it writes the key conditionally) and the
  // use case answers it: one round trip fewer on the hot path, at the cost of the use case handling the replay.
  const lookUpFirst = options.lookUpFirst ?? true;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      c.set('idempotency', undefined);
      return next();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationError('must be 8 to 255 visible ASCII characters (a UUID is ideal)', 'Idempotency-Key');
    }
    const actor = requireActor(c.get('caller'));
    const fingerprint = await fingerprintOf(c.req.method, c.req.path, await c.req.text());
    const stored = lookUpFirst ? await deps.idempotency.find(actor.accountId, key, deps.clock.now()) : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      throw new IdempotentReplay(stored.status, stored.body);
    }
    c.set('idempotency', { actorId: actor.accountId, key, fingerprint, successStatus });
    return next();
  };
}
