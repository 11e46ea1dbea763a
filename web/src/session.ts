import { api, token, whenTokenRejected, type Actor } from './api';
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

export function signOut(): void {
  token.set(null);
  actorStore.set(null);
}

whenTokenRejected(signOut);
