import { z } from 'zod';
import { AccountId, OrganizationId, VillageId } from './common.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

/** The four roles of the platform; a token carries exactly one. */
export const Role = z.enum(['buyer', 'leader', 'coop', 'organizer']);
export type Role = z.infer<typeof Role>;

/**
 * Who is calling, as proven by a verified token. A cooperative is bound to one village and a leader to one
 * organisation; the binding comes from the identity provider, never from the request body.
 */
export const Actor = z.discriminatedUnion('role', [
  z.object({ role: z.literal('buyer'), accountId: AccountId, displayName: z.string() }),
  z.object({ role: z.literal('leader'), accountId: AccountId, displayName: z.string(), organizationId: OrganizationId }),
  z.object({ role: z.literal('coop'), accountId: AccountId, displayName: z.string(), villageId: VillageId }),
  z.object({ role: z.literal('organizer'), accountId: AccountId, displayName: z.string() }),
]);
export type Actor = z.infer<typeof Actor>;

/** Anyone, signed in or not: public reads take this. */
export type Caller = Actor | undefined;

/** Narrows a caller to a signed-in actor, or throws 401. */
export function requireActor(caller: Caller): Actor {
  if (!caller) throw new UnauthenticatedError('Sign in first');
  return caller;
}

/** Narrows a caller to one of the given roles, or throws 401 / 403. */
export function requireRole<R extends Role>(caller: Caller, ...roles: R[]): Extract<Actor, { role: R }> {
  const actor = requireActor(caller);
  if (!(roles as Role[]).includes(actor.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} accounts may do this`);
  }
  return actor as Extract<Actor, { role: R }>;
}
