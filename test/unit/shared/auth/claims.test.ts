import { describe, expect, it } from 'vitest';
import { CLAIMS, actorFromClaims } from '../../../../shared/auth/claims.js';
import { UnauthenticatedError } from '../../../../shared/domain/errors.js';

const ACCOUNT = 'acc_01JA0000000000000000000001';
const VILLAGE = 'vil_01JA0000000000000000000001';
const ORG = 'org_01JA0000000000000000000001';

const claims = (groups: unknown, extra: Record<string, unknown> = {}) => ({
  [CLAIMS.accountId]: ACCOUNT,
  [CLAIMS.groups]: groups,
  [CLAIMS.displayName]: '王芳',
  ...extra,
});

function rejection(input: Record<string, unknown>): unknown {
  try {
    return actorFromClaims(input);
  } catch (error) {
    return error;
  }
}

describe('actorFromClaims', () => {
  it('maps each role with its binding, and drops bindings a role does not have', () => {
    // Prepare / Act / Assess
    expect(actorFromClaims(claims(['buyer'], { [CLAIMS.villageId]: VILLAGE }))).toEqual({ role: 'buyer', accountId: ACCOUNT, displayName: '王芳' });
    expect(actorFromClaims(claims(['organizer']))).toEqual({ role: 'organizer', accountId: ACCOUNT, displayName: '王芳' });
    expect(actorFromClaims(claims(['coop'], { [CLAIMS.villageId]: VILLAGE }))).toEqual({
      role: 'coop',
      accountId: ACCOUNT,
      displayName: '王芳',
      villageId: VILLAGE,
    });
    expect(actorFromClaims(claims(['leader'], { [CLAIMS.organizationId]: ORG }))).toEqual({
      role: 'leader',
      accountId: ACCOUNT,
      displayName: '王芳',
      organizationId: ORG,
    });
  });

  it('rejects a cooperative without a village and a leader without an organisation', () => {
    // Prepare / Act / Assess
    expect(rejection(claims(['coop']))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims(['coop'], { [CLAIMS.villageId]: 'not-a-village' }))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims(['coop'], { [CLAIMS.organizationId]: ORG }))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims(['leader']))).toBeInstanceOf(UnauthenticatedError);
  });

  it('rejects unknown or missing groups and a missing or malformed account id', () => {
    // Prepare / Act / Assess
    expect(rejection(claims(['admin']))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims([]))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims('buyer'))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims(['Buyer']))).toBeInstanceOf(UnauthenticatedError);
    expect(rejection({ [CLAIMS.groups]: ['buyer'] })).toBeInstanceOf(UnauthenticatedError);
    expect(rejection(claims(['buyer'], { [CLAIMS.accountId]: 'usr_123' }))).toBeInstanceOf(UnauthenticatedError);
  });

  it('picks the role out of several groups and defaults a missing name to empty', () => {
    // Prepare / Act
    const actor = actorFromClaims(claims(['us-east-1_pool_Google', 'coop'], { [CLAIMS.villageId]: VILLAGE, [CLAIMS.displayName]: undefined }));
    // Assess
    expect(actor).toEqual({ role: 'coop', accountId: ACCOUNT, displayName: '', villageId: VILLAGE });
  });
});
