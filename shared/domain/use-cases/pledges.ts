import { requireActor, type Caller } from '../actor.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { Pledge, PledgeInput } from '../pairing.js';
import type { Deps } from '../ports.js';
import { yearInShanghai } from '../season.js';

/** Organizers, or the organisation's own leader; anyone else is refused before anything is read. */
function requirePledger(caller: Caller, organizationId: string) {
  const actor = requireActor(caller);
  if (actor.role === 'organizer' || (actor.role === 'leader' && actor.organizationId === organizationId)) return actor;
  throw new ForbiddenError("Only the organisation's leader and organizers set its pledge", 'organizationId');
}

/**
 * Sets an organisation's consumption-aid pledge for a year (a PUT: repeating it changes nothing). Its leader
 * pledges for this year or a later one — a pledge made after the fact would measure nothing; organizers may
 * also correct a past year's.
 */
export async function setPledge(
  deps: Pick<Deps, 'pledges' | 'organizations' | 'clock'>,
  caller: Caller,
  input: { organizationId: string; year: number; pledge: PledgeInput },
): Promise<Pledge> {
  const actor = requirePledger(caller, input.organizationId);
  const now = deps.clock.now();
  if (actor.role === 'leader' && input.year < yearInShanghai(now)) throw new ValidationError('has ended; pledge for this year or a later one', 'year');
  const organization = await deps.organizations.get(input.organizationId);
  if (!organization) throw new NotFoundError('No such organization', 'organizationId');
  const pledge = Pledge.parse({
    ...PledgeInput.parse(input.pledge),
    organizationId: input.organizationId,
    year: input.year,
    updatedAt: now.toISOString(),
    updatedBy: actor.accountId,
  });
  await deps.pledges.put(pledge);
  return pledge;
}

/** An organisation's pledge for a year, for its leader and organizers. */
export async function getPledge(deps: Pick<Deps, 'pledges'>, caller: Caller, input: { organizationId: string; year: number }): Promise<Pledge> {
  requirePledger(caller, input.organizationId);
  const pledge = await deps.pledges.get(input.organizationId, input.year);
  if (!pledge) throw new NotFoundError('No pledge for this year', 'year');
  return pledge;
}
