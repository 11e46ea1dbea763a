import { Actor, Role } from '../domain/actor.js';
import { UnauthenticatedError } from '../domain/errors.js';

/**
 * The token claims Village Link reads. They are Cognito ID-token claims (groups and custom attributes), and
 * the local development issuer signs the very same shape, so one mapping serves both worlds.
 */
export const CLAIMS = {
  accountId: 'custom:accountId',
  groups: 'cognito:groups',
  villageId: 'custom:villageId',
  organizationId: 'custom:organizationId',
  displayName: 'name',
} as const;

/** Turns verified claims into an actor; a token without a usable role or binding is not accepted. */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const groups = Array.isArray(claims[CLAIMS.groups]) ? (claims[CLAIMS.groups] as unknown[]) : [];
  const role = groups.map((g) => Role.safeParse(g)).find((r) => r.success)?.data;
  const parsed = Actor.safeParse({
    role,
    accountId: claims[CLAIMS.accountId],
    displayName: typeof claims[CLAIMS.displayName] === 'string' ? claims[CLAIMS.displayName] : '',
    villageId: claims[CLAIMS.villageId],
    organizationId: claims[CLAIMS.organizationId],
  });
  if (!parsed.success) throw new UnauthenticatedError('The token does not name a role and account this API knows');
  return parsed.data;
}
