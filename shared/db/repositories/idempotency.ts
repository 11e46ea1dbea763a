import type { IdempotencyStore } from '../../domain/ports.js';
import { getItem, type Db } from '../dynamo.js';
import { idempotencyKey } from '../keys.js';

/** Reads stored idempotent responses (I1). Expired records are ignored even before TTL removes them. */
export function idempotencyStore(db: Db): IdempotencyStore {
  return {
    async find(actorId, key, now) {
      const item = await getItem(db, idempotencyKey(actorId, key));
      if (!item) return undefined;
      if (typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= now.getTime()) return undefined;
      return { fingerprint: String(item.fingerprint), status: Number(item.status), body: item.body };
    },
  };
}
