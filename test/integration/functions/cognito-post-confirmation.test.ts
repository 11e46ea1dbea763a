import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUYER_NAME,
  createPostConfirmationTrigger,
  registerBuyer,
  type PostConfirmationEvent,
  type UserDirectory,
} from '../../../functions/cognito-post-confirmation/app.js';
import type { Role } from '../../../shared/domain/actor.js';
import { createTestStack } from '../../support/test-stack.js';

const POOL = 'ap-southeast-1_TestPool';

/** The user pool as the trigger sees it: attributes and groups per user, and a way to make one call fail once. */
function memoryDirectory(initial: Record<string, { accountId?: string; groups?: Role[] }> = {}) {
  const users = new Map(Object.entries(initial).map(([name, u]) => [name, { accountId: u.accountId, groups: new Set(u.groups ?? []) }]));
  const userOf = (userPoolId: string, userName: string) => {
    expect(userPoolId).toBe(POOL);
    if (!users.has(userName)) users.set(userName, { accountId: undefined, groups: new Set() });
    return users.get(userName)!;
  };
  let failNext: keyof UserDirectory | undefined;
  const maybeFail = (call: keyof UserDirectory) => {
    if (failNext !== call) return;
    failNext = undefined;
    throw new Error(`${call} timed out`);
  };
  const directory: UserDirectory = {
    async boundAccountId(userPoolId, userName) {
      maybeFail('boundAccountId');
      return userOf(userPoolId, userName).accountId;
    },
    async bindAccount(userPoolId, userName, accountId) {
      maybeFail('bindAccount');
      userOf(userPoolId, userName).accountId = accountId;
    },
    async addToGroup(userPoolId, userName, group) {
      maybeFail('addToGroup');
      userOf(userPoolId, userName).groups.add(group);
    },
  };
  return { directory, users, failOnce: (call: keyof UserDirectory) => (failNext = call) };
}

function confirmation(userName: string, attributes: Record<string, string> = {}, triggerSource = 'PostConfirmation_ConfirmSignUp') {
  return {
    version: '1',
    region: 'ap-southeast-1',
    triggerSource,
    userPoolId: POOL,
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'exampleclientid' },
    request: { userAttributes: { sub: userName, email: `${userName}@example.cn`, email_verified: 'true', ...attributes } },
    response: {},
  } satisfies PostConfirmationEvent & Record<string, unknown>;
}

describe('post-confirmation trigger (DynamoDB Local)', () => {
  it('makes a confirmed self sign-up a buyer: account stored, custom:accountId bound, buyer group', async () => {
    // Prepare
    const { deps } = await createTestStack();
    const pool = memoryDirectory();
    const trigger = createPostConfirmationTrigger({ accounts: deps.accounts, ids: deps.ids, users: pool.directory });
    const event = confirmation('u-wang', { name: '王芳' });

    // Act
    const returned = await trigger(event);

    // Assess
    expect(returned).toBe(event); // Cognito expects its event back
    const user = pool.users.get('u-wang')!;
    expect(user.accountId).toMatch(/^acc_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...user.groups]).toEqual(['buyer']);
    expect(await deps.accounts.get(user.accountId!)).toEqual({ accountId: user.accountId, role: 'buyer', displayName: '王芳' });
  });

  it('names a buyer who gave no name with the default name', async () => {
    const { deps } = await createTestStack();
    const pool = memoryDirectory();

    const account = await registerBuyer({ accounts: deps.accounts, ids: deps.ids, users: pool.directory }, { userPoolId: POOL, userName: 'u-anon', name: '  ' });

    expect(account.displayName).toBe(DEFAULT_BUYER_NAME);
    expect((await deps.accounts.get(account.accountId))?.displayName).toBe(DEFAULT_BUYER_NAME);
  });

  it('completes on a retry after a failed step, with the same account and no second one', async () => {
    // Prepare: the first attempt binds the account, then adding to the group times out.
    const { deps } = await createTestStack();
    const pool = memoryDirectory();
    const trigger = createPostConfirmationTrigger({ accounts: deps.accounts, ids: deps.ids, users: pool.directory });
    const before = (await deps.accounts.list()).length;
    pool.failOnce('addToGroup');
    await expect(trigger(confirmation('u-li'))).rejects.toThrow('addToGroup timed out');
    const boundFirst = pool.users.get('u-li')!.accountId;

    // Act: Cognito retries, and once more after that.
    await trigger(confirmation('u-li'));
    await trigger(confirmation('u-li'));

    // Assess
    const user = pool.users.get('u-li')!;
    expect(user.accountId).toBe(boundFirst);
    expect([...user.groups]).toEqual(['buyer']);
    const accounts = await deps.accounts.list();
    expect(accounts.length - before).toBe(1);
    expect(accounts.find((a) => a.accountId === boundFirst)?.role).toBe('buyer');
  });

  it('leaves a user an administrator bound to a cooperative account as it is', async () => {
    // Prepare
    const { deps } = await createTestStack();
    const coop = { accountId: deps.ids.next('account'), role: 'coop' as const, displayName: '土地坳村合作社', villageId: deps.ids.next('village') };
    await deps.accounts.create(coop);
    const pool = memoryDirectory({ 'u-coop': { accountId: coop.accountId, groups: ['coop'] } });
    const trigger = createPostConfirmationTrigger({ accounts: deps.accounts, ids: deps.ids, users: pool.directory });

    // Act
    await trigger(confirmation('u-coop'));

    // Assess
    expect([...pool.users.get('u-coop')!.groups]).toEqual(['coop']);
    expect(await deps.accounts.get(coop.accountId)).toEqual(coop);
  });

  it('does nothing when a password reset is confirmed', async () => {
    const { deps } = await createTestStack();
    const pool = memoryDirectory();
    const trigger = createPostConfirmationTrigger({ accounts: deps.accounts, ids: deps.ids, users: pool.directory });
    const before = (await deps.accounts.list()).length;

    await trigger(confirmation('u-zhao', {}, 'PostConfirmation_ConfirmForgotPassword'));

    expect(pool.users.size).toBe(0);
    expect((await deps.accounts.list()).length).toBe(before);
  });
});
