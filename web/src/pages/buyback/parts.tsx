import { useState } from 'preact/hooks';
import type { GuaranteeListItem } from '../../api/buyback';
import { errorText } from '../../components/Status';
import { categoryKey, unitKey, useI18n, type Translate } from '../../i18n';
import { statusKey } from './guarantee';

/** The unit a guarantee counts in, as the reader's language names it. */
export const unitLabel = (g: Pick<GuaranteeListItem, 'scope'>, t: Translate): string => t(unitKey(g.scope.unit));

/** What a guarantee covers: its product, or a category counted in one unit. */
export function ScopeName({ g }: { g: Pick<GuaranteeListItem, 'scope'> }) {
  const { t } = useI18n();
  const { scope } = g;
  if (scope.kind === 'product') return <>{scope.productName}</>;
  return <>{t('bb.categoryScope', { category: t(categoryKey(scope.category)), unit: t(unitKey(scope.unit)) })}</>;
}

const TONE: Record<GuaranteeListItem['status'], string> = {
  offered: 'tag tag-warn',
  active: 'tag tag-season',
  closed: 'tag',
  declined: 'tag tag-muted',
  lapsed: 'tag tag-muted',
};

export function StatusTag({ status }: { status: GuaranteeListItem['status'] }) {
  const { t } = useI18n();
  return <span class={TONE[status]}>{t(statusKey(status))}</span>;
}

/**
 * One button's API call: `busy` while it runs (a second tap does nothing), the error as a sentence beside it.
 * `run` resolves true when the call succeeded.
 */
export function useAction(): { busy: boolean; error: string | null; run(call: () => Promise<unknown>): Promise<boolean>; clear(): void } {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    clear: () => setError(null),
    async run(call) {
      if (busy) return false;
      setBusy(true);
      setError(null);
      try {
        await call();
        return true;
      } catch (err) {
        setError(errorText(err, t));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The error of an action, announced when it appears. */
export function ActionError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="note note-error" role="alert">
      {error}
    </p>
  );
}
