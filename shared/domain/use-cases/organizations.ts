import { requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { NotFoundError } from '../errors.js';
import { Organization, OrganizationInput, type OrganizationKind } from '../organization.js';
import type { Deps } from '../ports.js';

/** Lists partner organisations, optionally of one kind. Public: who helps whom is no secret. */
export async function listOrganizations(
  deps: Pick<Deps, 'organizations'>,
  _caller: Caller,
  query: { kind?: OrganizationKind; limit: number; cursor?: string },
): Promise<Page<Organization>> {
  return deps.organizations.list(query);
}

/** One organisation. Public. */
export async function getOrganization(deps: Pick<Deps, 'organizations'>, _caller: Caller, input: { organizationId: string }): Promise<Organization> {
  const organization = await deps.organizations.get(input.organizationId);
  if (!organization) throw new NotFoundError('No such organization', 'organizationId');
  return organization;
}

/** Organizers register a partner organisation. */
export async function createOrganization(
  deps: Pick<Deps, 'organizations' | 'clock' | 'ids'>,
  caller: Caller,
  input: OrganizationInput,
): Promise<Organization> {
  requireRole(caller, 'organizer');
  const organization = Organization.parse({
    ...OrganizationInput.parse(input),
    organizationId: deps.ids.next('organization'),
    createdAt: deps.clock.now().toISOString(),
  });
  await deps.organizations.create(organization);
  return organization;
}
