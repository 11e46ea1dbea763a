import { requireActor, requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { Pairing, PairingInput, type PairingQuery } from '../pairing.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import { idempotencyWrite } from './idempotency.js';

/** Organizers pair an organisation (an urban community, a unit, a company) with a village. */
export async function createPairing(
  deps: Pick<Deps, 'pairings' | 'villages' | 'organizations' | 'clock' | 'ids'>,
  caller: Caller,
  input: PairingInput,
  idempotency?: IdempotencyClaim,
): Promise<Pairing> {
  const actor = requireRole(caller, 'organizer');
  const fields = PairingInput.parse(input);
  const [organization, village] = await Promise.all([deps.organizations.get(fields.organizationId), deps.villages.get(fields.villageId)]);
  if (!organization) throw new NotFoundError('No such organization', 'organizationId');
  if (!village) throw new NotFoundError('No such village', 'villageId');
  const pairing = Pairing.parse({
    ...fields,
    pairingId: deps.ids.next('pairing'),
    organizationName: organization.name,
    organizationKind: organization.kind,
    villageName: village.name,
    county: village.county,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor.accountId,
  });
  await deps.pairings.create(pairing, idempotencyWrite(deps, idempotency, pairing));
  return pairing;
}

/**
 * Lists pairings: organizers any (of a village, of an organisation, or all); an organisation's leader only its
 * own; a cooperative only its village's.
 */
export async function listPairings(deps: Pick<Deps, 'pairings'>, caller: Caller, query: PairingQuery): Promise<Page<Pairing>> {
  const actor = requireActor(caller);
  switch (actor.role) {
    case 'organizer':
      return deps.pairings.list(query);
    case 'leader':
      if (query.organizationId && query.organizationId !== actor.organizationId) {
        throw new ForbiddenError("An organisation sees its own pairings only", 'organizationId');
      }
      return deps.pairings.list({ ...query, organizationId: actor.organizationId });
    case 'coop':
      if (query.villageId && query.villageId !== actor.villageId) throw new ForbiddenError("A cooperative sees its own village's pairings only", 'villageId');
      return deps.pairings.list({ ...query, villageId: actor.villageId });
    default:
      throw new ForbiddenError('Buyers do not see pairings');
  }
}

/** One pairing, for its organisation, its village's cooperative and organizers. */
export async function getPairing(deps: Pick<Deps, 'pairings'>, caller: Caller, input: { pairingId: string }): Promise<Pairing> {
  const actor = requireActor(caller);
  const pairing = await deps.pairings.get(input.pairingId);
  if (!pairing) throw new NotFoundError('No such pairing', 'pairingId');
  const allowed =
    actor.role === 'organizer' ||
    (actor.role === 'leader' && actor.organizationId === pairing.organizationId) ||
    (actor.role === 'coop' && actor.villageId === pairing.villageId);
  if (!allowed) throw new ForbiddenError("Only the pairing's organisation, its village and organizers see it", 'pairingId');
  return pairing;
}
