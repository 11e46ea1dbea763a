import { requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../errors.js';
import { applyBasisPoints } from '../money.js';
import type { Deps, IdempotencyClaim } from '../ports.js';
import { idempotencyWrite } from './idempotency.js';
import {
  Village,
  VillageInput,
  villageRuleViolation,
  type VillageDetail,
  type VillagePatch,
  type VillageTargets,
  type VillageTargetsInput,
} from '../village.js';

/** Lists villages, optionally of one county, grouped by county. Public. */
export async function listVillages(
  deps: Pick<Deps, 'villages'>,
  _caller: Caller,
  query: { county?: string; limit: number; cursor?: string },
): Promise<Page<Village>> {
  return deps.villages.list(query);
}

/** One village with its targets of every year, newest year first. Public. */
export async function getVillage(deps: Pick<Deps, 'villages'>, _caller: Caller, input: { villageId: string }): Promise<VillageDetail> {
  const village = await deps.villages.get(input.villageId);
  if (!village) throw new NotFoundError('No such village', 'villageId');
  const targets = await deps.villages.listTargets(input.villageId);
  return { ...village, targets: targets.sort((a, b) => b.year - a.year) };
}

/** Organizers register a village with its baseline. */
export async function createVillage(
  deps: Pick<Deps, 'villages' | 'clock' | 'ids'>,
  caller: Caller,
  input: VillageInput,
  idempotency?: IdempotencyClaim,
): Promise<VillageDetail> {
  requireRole(caller, 'organizer');
  const fields = VillageInput.parse(input);
  const violation = villageRuleViolation(fields);
  if (violation) throw new ValidationError('cannot exceed households', violation);
  const now = deps.clock.now().toISOString();
  const village = Village.parse({ ...fields, villageId: deps.ids.next('village'), createdAt: now, updatedAt: now, version: 1 });
  const detail: VillageDetail = { ...village, targets: [] };
  await deps.villages.create(village, idempotencyWrite(deps, idempotency, detail));
  return detail;
}

/** Organizers correct a village's details; `expectedVersion` (If-Match) guards against lost updates. */
export async function updateVillage(
  deps: Pick<Deps, 'villages' | 'clock'>,
  caller: Caller,
  input: { villageId: string; patch: VillagePatch; expectedVersion?: number },
): Promise<VillageDetail> {
  requireRole(caller, 'organizer');
  const current = await deps.villages.get(input.villageId);
  if (!current) throw new NotFoundError('No such village', 'villageId');
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new PreconditionFailedError(
      `The village is at version ${current.version}, not ${input.expectedVersion}; reload it and try again`,
      'If-Match',
    );
  }
  const next = Village.parse({
    ...current,
    ...input.patch,
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  });
  const violation = villageRuleViolation(next);
  if (violation) throw new ValidationError('cannot exceed households', violation);
  await deps.villages.update(next, current.version);
  return getVillage(deps, caller, { villageId: input.villageId });
}

/**
 * Organizers set a year's targets. The sales target follows from last year's baseline when the baseline is
 * of the year before; otherwise it stays null rather than being guessed.
 */
export async function setVillageTargets(
  deps: Pick<Deps, 'villages' | 'clock'>,
  caller: Caller,
  input: { villageId: string; year: number; targets: VillageTargetsInput },
): Promise<VillageTargets> {
  requireRole(caller, 'organizer');
  const village = await deps.villages.get(input.villageId);
  if (!village) throw new NotFoundError('No such village', 'villageId');
  const baseline = village.baseline;
  const salesTargetFen =
    baseline.year === input.year - 1
      ? baseline.salesFen + applyBasisPoints(baseline.salesFen, input.targets.salesGrowthBps)
      : null;
  const targets: VillageTargets = {
    ...input.targets,
    villageId: input.villageId,
    year: input.year,
    salesTargetFen,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.villages.putTargets(targets);
  return targets;
}
