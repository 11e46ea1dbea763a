import type { Deps, IdempotencyClaim, IdempotencyWrite } from '../ports.js';

/** How long a key is remembered: long enough for any client's retries, short enough to let keys be reused. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Completes a claim with the response it will replay, so the create can store both atomically. */
export function idempotencyWrite(deps: Pick<Deps, 'clock'>, claim: IdempotencyClaim | undefined, body: unknown): IdempotencyWrite | undefined {
  if (!claim) return undefined;
  const now = deps.clock.now();
  return { ...claim, body, now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) };
}
