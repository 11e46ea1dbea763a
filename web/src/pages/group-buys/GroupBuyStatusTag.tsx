import type { GroupBuy } from '../../api';
import { useNow } from '../../clock';
import { useI18n, type MessageKey } from '../../i18n';

const KEY: Record<GroupBuy['status'], MessageKey> = {
  open: 'gbStatus.open',
  closing: 'gbStatus.closing',
  confirmed: 'gbStatus.confirmed',
  failed: 'gbStatus.failed',
};

/** Open, closing, confirmed or failed; an open one past its deadline reads "closing" (the scheduler is on its way). */
export function GroupBuyStatusTag({ g }: { g: GroupBuy }) {
  const { t } = useI18n();
  const now = useNow();
  const status = g.status === 'open' && Date.parse(g.deadline) <= now ? 'closing' : g.status;
  const cls = status === 'confirmed' || status === 'open' ? 'tag tag-season' : status === 'failed' ? 'tag tag-muted' : 'tag tag-wait';
  return <span class={cls}>{t(KEY[status])}</span>;
}
