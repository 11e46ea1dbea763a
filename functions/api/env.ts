import type { Caller } from '../../shared/domain/actor.js';
import type { IdempotencyClaim } from '../../shared/domain/ports.js';

/** Per-request values the middleware sets for the routes. */
export interface AppEnv {
  Variables: {
    caller: Caller;
    idempotency: IdempotencyClaim | undefined;
  };
}
