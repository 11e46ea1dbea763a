import type { ComponentChildren } from 'preact';
import { Loading } from '../../components/Status';
import { useI18n, type MessageKey } from '../../i18n';
import { useLocation } from '../../router';
import { useActor } from '../../session';

/** Renders its children for a signed-in leader; otherwise the page heading and what to do. */
export function LeaderOnly({ title, children }: { title: MessageKey; children: (accountId: string) => ComponentChildren }) {
  const { t } = useI18n();
  const actor = useActor();
  const { path } = useLocation();
  if (actor === undefined) return <Loading />;
  if (actor?.role === 'leader') return <>{children(actor.accountId)}</>;
  return (
    <>
      <h1>{t(title)}</h1>
      {actor === null ? (
        <p class="note">
          {t('leader.needSignIn')} <a href={`/sign-in?next=${encodeURIComponent(path)}`}>{t('nav.signIn')}</a>
        </p>
      ) : (
        <p class="note">{t('leader.forbidden')}</p>
      )}
    </>
  );
}
