import { useState } from 'preact/hooks';
import { api, type GroupBuy } from '../../api';
import { useConfirm } from '../../components/ConfirmDialog';
import { errorText } from '../../components/Status';
import { formatCount } from '../../format';
import { progressOf } from '../../groupBuy';
import { unitKey, useI18n } from '../../i18n';

/** "Close early" for the leader once the minimum is paid for; confirms first, since it cannot be undone. */
export function CloseEarly({ g, onClosed }: { g: GroupBuy; onClosed(g: GroupBuy): void }) {
  const { lang, t } = useI18n();
  const [confirmDialog, ask] = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (g.status !== 'open' || !progressOf(g).minReached) return null;

  async function close() {
    const ok = await ask({
      title: t('leader.closeConfirm'),
      body: (
        <p>
          {t('leader.closeBody', {
            paid: formatCount(g.paidQuantity, lang),
            joined: formatCount(g.joinedQuantity, lang),
            unit: t(unitKey(g.unit)),
          })}
        </p>
      ),
      confirmLabel: t('leader.close'),
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      onClosed(await api.closeGroupBuy(g.groupBuyId));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" class="btn btn-small btn-primary" aria-disabled={busy} onClick={() => !busy && void close()}>
        {busy ? t('common.saving') : t('leader.close')}
      </button>
      {error && (
        <p class="note note-error" role="alert">
          {error}
        </p>
      )}
      {confirmDialog}
    </>
  );
}
