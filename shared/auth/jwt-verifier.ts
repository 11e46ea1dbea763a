import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../domain/errors.js';
import type { Clock } from '../domain/ids.js';
import type { TokenVerifier } from '../domain/ports.js';
import { actorFromClaims } from './claims.js';

/** Verifies bearer JWTs against a key set, issuer and audience, then maps their claims to an actor. */
export function jwtVerifier(options: { keys: JWTVerifyGetKey; issuer: string; audience?: string; clock?: Clock }): TokenVerifier {
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['RS256', 'ES256'],
          clockTolerance: 30,
          ...(options.clock ? { currentDate: options.clock.now() } : {}),
        });
        // Cognito access tokens carry no custom attributes; only ID tokens identify a role binding.
        if (payload.token_use !== undefined && payload.token_use !== 'id') {
          throw new UnauthenticatedError('Send the ID token, not the access token');
        }
        return actorFromClaims(payload);
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (error instanceof errors.JOSEError) {
          throw new UnauthenticatedError(
            error instanceof errors.JWTExpired ? 'The token has expired; sign in again' : 'The token is not valid',
          );
        }
        throw error;
      }
    },
  };
}

/** The verifier for a Cognito user pool: keys fetched from its JWKS endpoint and cached by jose. */
export function cognitoVerifier(options: { region: string; userPoolId: string; clientId: string }): TokenVerifier {
  const issuer = `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
  return jwtVerifier({
    keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
    issuer,
    audience: options.clientId,
  });
}
