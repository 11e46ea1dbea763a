import { useState } from 'preact/hooks';
import type { Role } from '../../../shared/domain/actor.js';
import { api, ApiError, type Account } from '../api';
import { ErrorNote, Loading } from '../components/Status';
import { useAsync, useTitle } from '../hooks';
import { localized, roleKey, useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { authConfig, safeNext, startHostedSignIn } from '../auth';
import { signIn, useActor } from '../session';

const ROLES: Role[] = ['buyer', 'leader', 'coop', 'organizer'];

/** Local development sign-in: the seeded accounts, grouped by role; one click signs in. */
export function SignIn() {
  const { lang, t } = useI18n();
  useTitle('signIn.title', true);
  const actor = useActor();
  const next = useLocation().query.get('next');
  const config = useAsync(() => authConfig(), []);
  const hosted = config.data?.kind === 'cognito' ? config.data : null;
  const accounts = useAsync(() => (config.data?.kind === 'dev' ? api.devAccounts() : Promise.resolve(null)), [config.data?.kind]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();

  async function choose(a: Account) {
    setBusy(a.accountId);
    setError(undefined);
    try {
      const who = await signIn(a.accountId);
      navigate(safeNext(next) ?? (who.role === 'coop' ? '/coop' : '/'));
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  async function hostedSignIn() {
    if (!hosted) return;
    setBusy('hosted');
    setError(undefined);
    try {
      await startHostedSignIn(hosted, safeNext(next));
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  const unavailable = accounts.error instanceof ApiError && accounts.error.status === 404;
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {actor && <p class="note">{t('signIn.current', { name: actor.displayName, role: t(roleKey(actor.role)) })}</p>}
      {hosted ? (
        <section class="panel">
          <p>{t('signIn.hostedIntro')}</p>
          {error !== undefined && <ErrorNote error={error} />}
          <button type="button" class="btn btn-primary" disabled={busy !== null} onClick={() => void hostedSignIn()}>
            {t('signIn.hosted')}
          </button>
        </section>
      ) : unavailable ? (
        <p class="note">{t('signIn.unavailable')}</p>
      ) : accounts.error ? (
        <ErrorNote error={accounts.error} onRetry={accounts.reload} />
      ) : !config.data || !accounts.data ? (
        <Loading />
      ) : (
        <>
          <p>{t('signIn.intro')}</p>
          {error !== undefined && <ErrorNote error={error} />}
          {busy && (
            <p class="status" role="status">
              {t('signIn.signingIn')}
            </p>
          )}
          <div class="role-groups">
            {ROLES.map((role) => {
              const items = accounts.data?.items.filter((a) => a.role === role) ?? [];
              if (items.length === 0) return null;
              return (
                <section key={role} aria-labelledby={`role-${role}`} class="panel">
                  <h2 id={`role-${role}`}>{t(roleKey(role))}</h2>
                  <ul class="account-list">
                    {items.map((a) => (
                      <li key={a.accountId}>
                        <button
                          type="button"
                          class="btn btn-block"
                          disabled={busy !== null}
                          aria-current={actor?.accountId === a.accountId ? 'true' : undefined}
                          onClick={() => void choose(a)}
                        >
                          {localized(lang, a.displayName, a.displayNameEn)}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
