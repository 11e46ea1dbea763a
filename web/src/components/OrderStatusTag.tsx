import type { Order } from '../api';
import { useI18n } from '../i18n';
import { statusKey, statusTone } from '../orderStatus';

const TONE_CLASS = { ok: 'tag tag-season', muted: 'tag tag-muted', wait: 'tag tag-wait' } as const;

export function OrderStatusTag({ status }: { status: Order['status'] }) {
  const { t } = useI18n();
  return <span class={TONE_CLASS[statusTone(status)]}>{t(statusKey(status))}</span>;
}
