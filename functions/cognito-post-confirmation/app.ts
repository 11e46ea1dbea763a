import { Account } from '../../shared/domain/account.js';
import type { Role } from '../../shared/domain/actor.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { Deps } from '../../shared/domain/ports.js';

/** The part of Cognito's post-confirmation event this function reads (the rest is handed back untouched). */
export interface PostConfirmationEvent {
  triggerSource: string;
  userPoolId: string;
  userName: string;
  request: { userAttributes: Record<string, string | undefined> };
}

/** What the trigger needs of the user pool, as an administrator (IAM) may do it. */
export interface UserDirectory {
  /** The `custom:accountId` the user carries now, read from the pool rather than from the event. */
  boundAccountId(userPoolId: string, userName: string): Promise<string | undefined>;
  /** Sets `custom:accountId`, which the app client itself may not write. */
  bindAccount(userPoolId: string, userName: string, accountId: string): Promise<void>;
  addToGroup(userPoolId: string, userName: string, group: Role): Promise<void>;
}

export type PostConfirmationDeps = Pick<Deps, 'accounts' | 'ids'> & { users: UserDirectory };

/** The display name of a buyer who gave none at sign-up (the `name` attribute is optional). */
export const DEFAULT_BUYER_NAME = '买家';

/**
 * Makes a user who just confirmed their own sign-up a buyer: an Account with role `buyer`, the user's
 * `custom:accountId` bound to it, and membership of the `buyer` group, which is what the API reads from the
 * ID token. Cognito may call the trigger again for the same user (it does when an answer takes over 5 seconds),
 * so every step may run again: the account id is bound first and reused on a retry, the account is created
 * once, and adding to a group twice is harmless.
 * A user an administrator already bound to an account of another role is left as it is.
 */
export async function registerBuyer(
  deps: PostConfirmationDeps,
  user: { userPoolId: string; userName: string; name?: string },
): Promise<Account> {
  const boundId = await deps.users.boundAccountId(user.userPoolId, user.userName);
  const existing = boundId ? await deps.accounts.get(boundId) : undefined;
  if (existing && existing.role !== 'buyer') return existing;

  const accountId = boundId ?? deps.ids.next('account');
  if (!boundId) await deps.users.bindAccount(user.userPoolId, user.userName, accountId);
  const account = existing ?? Account.parse({ accountId, role: 'buyer', displayName: displayNameOf(user.name) });
  if (!existing) {
    try {
      await deps.accounts.create(account);
    } catch (error) {
      // Created by an earlier attempt whose reply Cognito never saw.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  await deps.users.addToGroup(user.userPoolId, user.userName, 'buyer');
  return account;
}

function displayNameOf(name: string | undefined): string {
  const trimmed = name?.trim().slice(0, 60).trim();
  return trimmed || DEFAULT_BUYER_NAME;
}

/**
 * The Lambda handler over `registerBuyer`: only a confirmed self sign-up registers a buyer (a confirmed
 * password reset also triggers post-confirmation and changes nothing). Cognito expects the event back.
 */
export function createPostConfirmationTrigger(deps: PostConfirmationDeps) {
  return async <E extends PostConfirmationEvent>(event: E): Promise<E> => {
    if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
    const account = await registerBuyer(deps, {
      userPoolId: event.userPoolId,
      userName: event.userName,
      name: event.request.userAttributes.name,
    });
    const message = account.role === 'buyer' ? 'buyer registered' : 'already bound to an account of another role; left as it is';
    console.log(JSON.stringify({ level: 'info', message, accountId: account.accountId, role: account.role }));
    return event;
  };
}
