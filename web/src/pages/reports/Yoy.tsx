import type { Growth } from '../../api/reports';
import { formatBps } from '../../format';
import { useI18n, type Lang, type Translate } from '../../i18n';
import { YOY_KEY } from './labels';

/**
 * A year-on-year figure as the API states it: a signed rate with an arrow when there is one, else what
 * `yoyStatus` means ("new: nothing last year") — never a made-up percentage. Sign and arrow carry the
 * direction, so colour is only a second cue.
 */
export function Yoy({ g }: { g: Growth }) {
  const { lang, t } = useI18n();
  if (g.yoyStatus !== 'rate' || g.yoyBps === null) {
    return (
      <span class="yoy yoy-status" data-yoy-status={g.yoyStatus}>
        {t(YOY_KEY[g.yoyStatus])}
      </span>
    );
  }
  const up = g.yoyBps > 0;
  const down = g.yoyBps < 0;
  return (
    <span class={up ? 'yoy yoy-up' : down ? 'yoy yoy-down' : 'yoy'} data-yoy-status="rate">
      <span aria-hidden="true">{up ? '▲ ' : down ? '▼ ' : ''}</span>
      {signedBps(g.yoyBps, lang)}
    </span>
  );
}

/** 1523 → "+15.23%", -400 → "-4%", 0 → "0%". */
export function signedBps(bps: number, lang: Lang): string {
  return `${bps > 0 ? '+' : ''}${formatBps(bps, lang)}`;
}

/** The same figure as plain text, for table cells: "+15.23%" or the status in words. */
export function yoyText(g: Growth, lang: Lang, t: Translate): string {
  return g.yoyStatus === 'rate' && g.yoyBps !== null ? signedBps(g.yoyBps, lang) : t(YOY_KEY[g.yoyStatus]);
}
