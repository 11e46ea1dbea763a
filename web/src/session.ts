import { api, token, whenTokenRejected, type Actor } from './api';
import { authConfig, hostedSignOutUrl } from './auth';
import { createStore, useStore } from './store';

/** Who is signed in: undefined while the stored token is being checked, null when nobody is. */
export const actorStore = createStore<Actor | null | undefined>(token.get() ? undefined : null);

export const useActor = (): Actor | null | undefined => useStore(actorStore);

/** Checks the stored token once at start-up. */
export async function restoreSession(): Promise<void> {
  if (!token.get()) return actorStore.set(null);
  try {
    actorStore.set((await api.me()).actor);
  } catch {
    // 401 has already cleared the token; a network failure leaves it for the next visit.
    actorStore.set(null);
  }
}

export async function signIn(accountId: string): Promise<Actor> {
  const { token: t, actor } = await api.devSignIn(accountId);
  token.set(t);
  actorStore.set(actor);
  return actor;
}

/** Adopts a token from Cognito's hosted sign-in and checks it with the API. */
export async function signInWithToken(idToken: string): Promise<Actor> {
  token.set(idToken);
  const { actor } = await api.me();
  actorStore.set(actor);
  return actor;
}

function forget(): void {
  token.set(null);
  actorStore.set(null);
}

export function signOut(): void {
  const hadToken = token.get() !== null;
  forget();
  // With Cognito, the hosted UI keeps its own session: end it too, or "sign in" would silently sign back in.
  if (hadToken)
    void authConfig().then((config) => {
      if (config.kind === 'cognito') location.assign(hostedSignOutUrl(config));
    });
}

// An expired token only ends the app's session; the person signs in again when they next need to.
whenTokenRejected(forget);
