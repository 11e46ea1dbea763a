/**
 * How people sign in. The deployment writes `/config.json` beside the app (infra/stacks/web-stack.ts) naming the
 * Cognito user pool and its hosted sign-in; the local stack has no such file and uses its development sign-in.
 * The OIDC client library loads only when someone actually signs in through Cognito, so buyers who just browse
 * never download it.
 */
export type AuthConfig =
  | { kind: 'dev' }
  | {
      kind: 'cognito';
      /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the issuer, whose discovery document oidc-client-ts reads. */
      authority: string;
      clientId: string;
      /** The hosted UI's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`), for signing out. */
      hostedUiBaseUrl: string;
      callbackPath: string;
    };

let configRequest: Promise<AuthConfig> | undefined;

export function authConfig(): Promise<AuthConfig> {
  configRequest ??= fetch('/config.json', { headers: { Accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) return { kind: 'dev' } as const;
      const body = (await res.json()) as { auth?: AuthConfig };
      return body.auth?.kind === 'cognito' ? body.auth : ({ kind: 'dev' } as const);
    })
    .catch(() => ({ kind: 'dev' }) as const);
  return configRequest;
}

type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;

async function userManager(config: CognitoConfig) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}${config.callbackPath}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    // The session itself lives in the app's token store; the library only needs its state across the redirect.
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** Sends the browser to Cognito's hosted sign-in (which also offers registration), returning to `next`. */
export async function startHostedSignIn(config: CognitoConfig, next: string | null): Promise<void> {
  const manager = await userManager(config);
  await manager.signinRedirect({ state: { next } });
}

/**
 * Completes the code flow on the callback page (PKCE, state and nonce checked by the library) and returns the ID
 * token, which carries the role and account claims the API reads, and where to go next.
 */
export async function completeHostedSignIn(config: CognitoConfig): Promise<{ idToken: string; next: string | null }> {
  const manager = await userManager(config);
  const user = await manager.signinRedirectCallback();
  if (!user.id_token) throw new Error('Cognito returned no ID token');
  const state = user.state as { next?: string | null } | undefined;
  await manager.removeUser();
  return { idToken: user.id_token, next: state?.next ?? null };
}

/** Cognito's logout endpoint, which ends the hosted-UI session too (its discovery document does not name one). */
export function hostedSignOutUrl(config: CognitoConfig): string {
  const url = new URL('/logout', config.hostedUiBaseUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', `${location.origin}/`);
  return url.toString();
}

/** Only same-site paths are followed after sign-in, never an absolute URL from a query string or state. */
export function safeNext(next: string | null | undefined): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}
