import type { MiddlewareHandler } from 'hono';
import { UnauthenticatedError } from '../../../shared/domain/errors.js';
import type { TokenVerifier } from '../../../shared/domain/ports.js';
import type { AppEnv } from '../env.js';

/**
 * Resolves the caller from a bearer token. No token leaves the caller anonymous (public reads work; use cases
 * reject anonymous writes); a token that is present but invalid is always a 401, never silently ignored.
 */
export function authenticate(tokens: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('caller', undefined);
      return next();
    }
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,8192})$/.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError('Send the token as "Authorization: Bearer <token>"', 'Authorization');
    c.set('caller', await tokens.verify(match[1]));
    return next();
  };
}
