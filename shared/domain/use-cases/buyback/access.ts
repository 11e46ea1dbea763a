import { requireActor, type Actor, type Caller } from '../../actor.js';
import type { Guarantee, Party } from '../../buyback.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Deps } from '../../ports.js';

/** A guarantee's two parties: the village (its cooperative) and the buyer (its organisation's leaders). */
export type Side = 'village' | 'buyer';

export type CoopActor = Extract<Actor, { role: 'coop' }>;
export type LeaderActor = Extract<Actor, { role: 'leader' }>;

/** Who may see a guarantee: organizers, the village's cooperative and the organisation's leaders. */
export function mayRead(actor: Actor, guarantee: Pick<Guarantee, 'villageId' | 'organizationId'>): boolean {
  if (actor.role === 'organizer') return true;
  if (actor.role === 'coop') return actor.villageId === guarantee.villageId;
  if (actor.role === 'leader') return actor.organizationId === guarantee.organizationId;
  return false;
}

/** The side an actor speaks for on this guarantee, if any (organizers oversee but are neither side). */
export function sideOf(actor: Actor, guarantee: Pick<Guarantee, 'villageId' | 'organizationId'>): Side | undefined {
  if (actor.role === 'coop' && actor.villageId === guarantee.villageId) return 'village';
  if (actor.role === 'leader' && actor.organizationId === guarantee.organizationId) return 'buyer';
  return undefined;
}

/**
 * The guarantee, if the caller may see it. Anyone else is told it does not exist (404), so ids cannot be probed:
 * another village's cooperative, another organisation's leader, a buyer.
 */
export async function visibleGuarantee(deps: Pick<Deps, 'buyback'>, caller: Caller, guaranteeId: string): Promise<{ actor: Actor; guarantee: Guarantee }> {
  const actor = requireActor(caller);
  const guarantee = await deps.buyback.get(guaranteeId);
  if (!guarantee || !mayRead(actor, guarantee)) throw new NotFoundError('No such guarantee', 'guaranteeId');
  return { actor, guarantee };
}

/** The village's own cooperative, or 403 for those who see the guarantee but do not speak for the village. */
export function asVillage(actor: Actor, guarantee: Guarantee, what: string): CoopActor {
  if (actor.role === 'coop' && actor.villageId === guarantee.villageId) return actor;
  throw new ForbiddenError(`Only the village's cooperative ${what}`);
}

/** The buying organisation's leader, or 403 for those who see the guarantee but do not speak for the buyer. */
export function asBuyer(actor: Actor, guarantee: Guarantee, what: string): LeaderActor {
  if (actor.role === 'leader' && actor.organizationId === guarantee.organizationId) return actor;
  throw new ForbiddenError(`Only the buying organisation ${what}`);
}

/** How an actor appears in a guarantee's history. */
export function partyOf(actor: Actor): Party {
  if (actor.role === 'buyer') throw new ForbiddenError('Buyers take no part in guarantees');
  return { accountId: actor.accountId, role: actor.role, displayName: actor.displayName };
}
