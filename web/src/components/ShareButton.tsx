import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { copyText } from '../share';

/** Copies a link; if the browser refuses, shows the link selected so it can be copied by hand. */
export function ShareButton({ url }: { url: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state !== 'manual') return;
    input.current?.focus();
    input.current?.select();
  }, [state]);
  return (
    <div class="share">
      <button
        type="button"
        class="btn btn-small"
        onClick={() => void copyText(url).then((ok) => setState(ok ? 'copied' : 'manual'))}
      >
        {t('gb.share')}
      </button>
      <span class="status" role="status">
        {state === 'copied' ? t('gb.copied') : ''}
      </span>
      {state === 'manual' && (
        <div class="field">
          <label for="share-url">{t('gb.copyManually')}</label>
          <input
            id="share-url"
            type="text"
            readOnly
            value={url}
            ref={input}
          />
        </div>
      )}
    </div>
  );
}
