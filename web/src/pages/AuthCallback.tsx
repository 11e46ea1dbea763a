import { useEffect, useState } from 'preact/hooks';
import { authConfig, completeHostedSignIn, safeNext } from '../auth';
import { ErrorNote } from '../components/Status';
import { useTitle } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { signInWithToken } from '../session';

/** Where Cognito's hosted sign-in returns: trades the code for tokens, then goes where the person was heading. */
export function AuthCallback() {
  const { t } = useI18n();
  useTitle('auth.completing', true);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const config = await authConfig();
        if (config.kind !== 'cognito') return navigate('/sign-in', { replace: true });
        const { idToken, next } = await completeHostedSignIn(config);
        const actor = await signInWithToken(idToken);
        if (!cancelled) navigate(safeNext(next) ?? (actor.role === 'coop' ? '/coop' : '/'), { replace: true });
      } catch (err) {
        if (!cancelled) setError(err);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <>
      <h1>{t('auth.completing')}</h1>
      {error === undefined ? (
        <p class="status" role="status">
          {t('auth.wait')}
        </p>
      ) : (
        <>
          <ErrorNote error={error} />
          <p>
            <a class="btn" href="/sign-in">
              {t('auth.retry')}
            </a>
          </p>
        </>
      )}
    </>
  );
}
