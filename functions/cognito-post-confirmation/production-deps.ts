import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { createDb } from '../../shared/db/dynamo.js';
import { accountRepository } from '../../shared/db/repositories/accounts.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import type { PostConfirmationDeps } from './app.js';
import { cognitoUserDirectory } from './cognito-users.js';

/** What the trigger is told by its environment (set by the ApiStack; AWS_REGION by Lambda). */
const TriggerEnv = z.object({ AWS_REGION: z.string().min(1), TABLE_NAME: z.string().min(1) });

/**
 * Wires the trigger's clients once per container. The pool is not configured: each event names its own,
 * and a pool id in the environment would make the pool and its trigger depend on each other.
 */
export function postConfirmationDeps(env: NodeJS.ProcessEnv = process.env): PostConfirmationDeps {
  const config = TriggerEnv.parse(env);
  return {
    accounts: accountRepository(createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION })),
    ids: ulidIds(systemClock),
    users: cognitoUserDirectory(new CognitoIdentityProviderClient({ region: config.AWS_REGION })),
  };
}
