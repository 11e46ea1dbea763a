import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { CLAIMS } from '../../shared/auth/claims.js';
import { jwtVerifier } from '../../shared/auth/jwt-verifier.js';
import type { Account } from '../../shared/domain/account.js';
import type { Clock } from '../../shared/domain/ids.js';
import type { TokenVerifier } from '../../shared/domain/ports.js';
import { systemClock } from '../../shared/runtime/ids.js';

/** The issuer name local tokens carry; a deployed API (Cognito issuer) rejects them. */
export const DEV_ISSUER = 'urn:village-link:local-dev-issuer';
export const DEV_AUDIENCE = 'village-link-local';
const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** Signs development tokens with the same claims Cognito ID tokens carry, and verifies them. Local only. */
export interface DevIssuer {
  issue(account: Account): Promise<string>;
  verifier: TokenVerifier;
}

async function fromKeyPair(privateJwk: JWK, publicJwk: JWK, clock: Clock): Promise<DevIssuer> {
  const privateKey = (await importJWK(privateJwk, 'ES256')) as CryptoKey;
  const kid = privateJwk.kid ?? 'dev';
  return {
    async issue(account) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({
        [CLAIMS.accountId]: account.accountId,
        [CLAIMS.groups]: [account.role],
        [CLAIMS.displayName]: account.displayName,
        ...(account.villageId ? { [CLAIMS.villageId]: account.villageId } : {}),
        ...(account.organizationId ? { [CLAIMS.organizationId]: account.organizationId } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(account.accountId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    verifier: jwtVerifier({
      keys: createLocalJWKSet({ keys: [{ ...publicJwk, kid, alg: 'ES256' }] }),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      clock,
    }),
  };
}

/** A throwaway issuer with a fresh key (tests). */
export async function ephemeralDevIssuer(clock: Clock = systemClock, kid = 'dev-ephemeral'): Promise<DevIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return fromKeyPair({ ...(await exportJWK(privateKey)), kid }, { ...(await exportJWK(publicKey)), kid }, clock);
}

/** The local stack's issuer; its key pair lives in `.data/` so tokens survive a restart. */
export async function persistentDevIssuer(keyFile: string): Promise<DevIssuer> {
  if (!existsSync(keyFile)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(
      keyFile,
      JSON.stringify({ privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...(await exportJWK(publicKey)), kid } }),
      { mode: 0o600 },
    );
  }
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  return fromKeyPair(privateJwk, publicJwk, systemClock);
}
