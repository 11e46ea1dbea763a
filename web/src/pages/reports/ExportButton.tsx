import { useEffect, useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../../api';
import { reportsApi, type ExportCreated, type ExportRequest } from '../../api/reports';
import { errorText } from '../../components/Status';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

/**
 * Asks the API to write a CSV (never built in the browser) and offers its download link, a plain
 * `<a href download>`: the file comes straight from storage, named and marked as an attachment by it.
 * The link is short-lived, so it is made on demand; focus moves to it once it is there.
 */
export function ExportButton({ request, label }: { request: ExportRequest; label: string }) {
  const { lang, t } = useI18n();
  const body = JSON.stringify(request);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'working' } | { kind: 'done'; file: ExportCreated } | { kind: 'error'; text: string }>({
    kind: 'idle',
  });
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  // Another report or year: the previous file is not this one.
  useEffect(() => setState({ kind: 'idle' }), [body]);

  async function run() {
    if (state.kind === 'working') return;
    // A retry of the same export after a failure reuses its key, so a lost answer cannot make two files.
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setState({ kind: 'working' });
    try {
      const file = await reportsApi.createExport(request, attempt.current.key);
      attempt.current = null;
      setState({ kind: 'done', file });
      requestAnimationFrame(() => link.current?.focus());
    } catch (err) {
      setState({ kind: 'error', text: errorText(err, t) });
    }
  }

  return (
    <div class="export">
      <button type="button" class="btn btn-small" aria-disabled={state.kind === 'working' ? 'true' : undefined} onClick={() => void run()}>
        {state.kind === 'working' ? t('impact.rep.exporting') : label}
      </button>
      <p class="status" role="status">
        {state.kind === 'done' && (
          <>
            <a ref={link} href={state.file.downloadUrl} download={state.file.filename} class="export-link">
              {t('impact.rep.download', { name: state.file.filename })}
            </a>{' '}
            <span class="meta">{t('impact.rep.linkValid', { time: formatDateTime(state.file.downloadExpiresAt, lang), rows: state.file.rowCount })}</span>
          </>
        )}
      </p>
      {state.kind === 'error' && (
        <p class="note note-error" role="alert">
          {state.text}
        </p>
      )}
    </div>
  );
}
