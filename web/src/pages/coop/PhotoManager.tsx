import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Product } from '../../api';
import { errorText } from '../../components/Status';
import { localized, useI18n } from '../../i18n';
import { checkPhoto, MAX_PHOTOS, postToPresignedUrl, UploadError, type RunningUpload } from '../../upload';

type Phase = 'idle' | 'uploading' | 'saving';

/**
 * A product's photos: reorder to cover, remove, and upload a new one (preview, progress, cancel).
 * Upload = ask the API for a presigned POST → send the file to S3 → PATCH photoKeys with the new key.
 */
export function PhotoManager({ product: p, onSaved }: { product: Product; onSaved(p: Product): void }) {
  const { lang, t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const running = useRef<RunningUpload | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const prefix = `photo-${p.productId}`;
  const name = localized(lang, p.name, p.nameEn);
  const full = p.photos.length >= MAX_PHOTOS;

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  useEffect(() => () => running.current?.abort(), []);

  function choose(e: Event) {
    const chosen = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setMessage(null);
    setProgress(0);
    if (!chosen) return setFile(null);
    const problem = checkPhoto(chosen);
    if (problem) {
      setFile(null);
      (e.currentTarget as HTMLInputElement).value = '';
      return setMessage({ kind: 'error', text: t(problem === 'tooBig' ? 'photo.tooBig' : 'photo.badType') });
    }
    setFile(chosen);
  }

  /** PATCHes photoKeys; on a stale version re-reads the product once and applies the change to it. */
  async function savePhotoKeys(change: (keys: string[]) => string[]): Promise<void> {
    let current = p;
    for (let i = 0; ; i++) {
      try {
        const keys = change(current.photos.map((ph) => ph.key));
        onSaved(await api.updateProduct(current.productId, { photoKeys: keys }, current.version));
        return;
      } catch (err) {
        if (i > 0 || !(err instanceof ApiError) || err.status !== 412) throw err;
        current = await api.product(current.productId);
      }
    }
  }

  async function upload() {
    if (!file || phase !== 'idle') return;
    setMessage(null);
    setProgress(0);
    setPhase('uploading');
    try {
      const slot = await api.requestPhotoUpload(p.productId, file.type);
      if (file.size > slot.maxBytes) throw new Error(t('photo.tooBig'));
      running.current = postToPresignedUrl(slot, file, setProgress);
      await running.current.done;
      running.current = null;
      setPhase('saving');
      await savePhotoKeys((keys) => [...keys, slot.photoKey].slice(0, MAX_PHOTOS));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      setMessage({ kind: 'ok', text: t('photo.done') });
    } catch (err) {
      running.current = null;
      const text =
        err instanceof DOMException && err.name === 'AbortError'
          ? t('photo.aborted')
          : err instanceof UploadError
            ? t('photo.failed', { status: err.status })
            : errorText(err, t);
      setMessage({ kind: 'error', text });
    } finally {
      setPhase('idle');
    }
  }

  async function reorder(change: (keys: string[]) => string[]) {
    setMessage(null);
    try {
      await savePhotoKeys(change);
      setMessage({ kind: 'ok', text: t('coop.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err, t) });
    }
  }

  const pct = Math.round(progress * 100);
  return (
    <div class="stack">
      {p.photos.length === 0 ? (
        <p class="empty">{t('photo.none')}</p>
      ) : (
        <ul class="photo-list">
          {p.photos.map((ph, i) => (
            <li key={ph.key}>
              <img src={ph.url} alt={t('products.photoAlt', { name, i: i + 1 })} width={120} height={90} loading="lazy" />
              <div class="photo-actions">
                {i === 0 ? (
                  <span class="tag">{t('photo.cover')}</span>
                ) : (
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => void reorder((keys) => [ph.key, ...keys.filter((k) => k !== ph.key)])}
                  >
                    {t('photo.makeCover')}
                    <span class="visually-hidden"> ({i + 1})</span>
                  </button>
                )}
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  onClick={() => void reorder((keys) => keys.filter((k) => k !== ph.key))}
                >
                  {t('photo.remove')}
                  <span class="visually-hidden"> ({i + 1})</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {full ? (
        <p class="note">{t('photo.full')}</p>
      ) : (
        <div class="uploader">
          <div class="field">
            <label for={`${prefix}-file`}>{t('photo.choose')}</label>
            <p class="hint" id={`${prefix}-hint`}>
              {t('photo.hint')}
            </p>
            <input
              ref={inputRef}
              id={`${prefix}-file`}
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={`${prefix}-hint`}
              disabled={phase !== 'idle'}
              onChange={choose}
            />
          </div>
          {preview && (
            <figure class="preview">
              <img src={preview} alt={t('photo.preview')} />
              <figcaption>
                {file?.name} · {Math.ceil((file?.size ?? 0) / 1024)} KB
              </figcaption>
            </figure>
          )}
          {phase !== 'idle' && (
            <div class="progress">
              <label for={`${prefix}-progress`}>{t('photo.progress')}</label>
              <progress id={`${prefix}-progress`} max={100} value={pct}>
                {pct}%
              </progress>
              <span aria-hidden="true">{pct}%</span>
            </div>
          )}
          <div class="actions">
            {phase === 'uploading' ? (
              <button type="button" class="btn" onClick={() => running.current?.abort()}>
                {t('photo.abort')}
              </button>
            ) : (
              <button type="button" class="btn btn-primary" aria-disabled={!file || phase !== 'idle'} onClick={() => void upload()}>
                {t('photo.upload')}
              </button>
            )}
          </div>
        </div>
      )}
      <p class="status" role="status">
        {message?.kind === 'ok' ? message.text : ''}
      </p>
      {message?.kind === 'error' && (
        <p class="note note-error" role="alert">
          {message.text}
        </p>
      )}
    </div>
  );
}
