import { z } from 'zod';
import { Role } from './actor.js';
import { AccountId, OrganizationId, Text, VillageId } from './common.js';

/**
 * A person who signs in. In AWS the identity provider (Cognito) owns accounts and puts role and binding
 * in the token; locally the seeded accounts are the ones the development sign-in page offers.
 */
export const Account = z.object({
  accountId: AccountId,
  role: Role,
  displayName: Text(60),
  displayNameEn: Text(120).optional(),
  villageId: VillageId.optional(),
  organizationId: OrganizationId.optional(),
});
export type Account = z.infer<typeof Account>;
