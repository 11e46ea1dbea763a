import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { errorText } from '../../components/Status';
import { useI18n } from '../../i18n';
import { checkPhoto, MAX_PHOTO_BYTES, postToPresignedUrl, UploadError, type RunningUpload } from '../../upload';
import { shrinkPhoto } from './photo';

/** What the API answers when asked for an upload: where to POST, the signed fields, and the key it will have. */
export interface UploadSlot {
  key: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

type Phase = 'empty' | 'preparing' | 'uploading' | 'done' | 'failed';

interface Props {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** An error from the form (a required photo missing, the API refusing the key). */
  error?: string | undefined;
  /** Asks the API for a presigned POST for a file of this type. */
  presign(contentType: string): Promise<UploadSlot>;
  /** The key of the photo once it is stored (null while there is none) and whether an upload is under way. */
  onChange(key: string | null, busy: boolean): void;
}

/**
 * A photo field that uploads as soon as a photo is chosen — straight to S3 with a presigned POST, a large photo
 * shrunk first — so that on a slow connection the upload runs while the rest of the form is filled in. Shows the
 * preview and the progress, and can cancel, retry and remove. Remount it (a new `key`) to clear it.
 */
export function PhotoUploadField({ id, label, hint, required, error, presign, onChange }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('empty');
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const running = useRef<RunningUpload | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  useEffect(() => () => running.current?.abort(), []);

  async function upload(chosen: File) {
    setProblem(null);
    setProgress(0);
    setPhase('uploading');
    onChange(null, true);
    try {
      const slot = await presign(chosen.type);
      if (chosen.size > slot.maxBytes) throw new Error(t('photo.tooBig'));
      running.current = postToPresignedUrl({ photoKey: slot.key, ...slot }, chosen, setProgress);
      await running.current.done;
      running.current = null;
      setPhase('done');
      onChange(slot.key, false);
    } catch (err) {
      running.current = null;
      setPhase('failed');
      onChange(null, false);
      setProblem(
        err instanceof DOMException && err.name === 'AbortError'
          ? t('photo.aborted')
          : err instanceof UploadError
            ? t('photo.failed', { status: err.status })
            : errorText(err, t),
      );
    }
  }

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const picked = input.files?.[0] ?? null;
    running.current?.abort();
    if (!picked) return clear();
    const badType = checkPhoto(picked) === 'badType';
    if (badType) {
      input.value = '';
      setFile(null);
      setPhase('empty');
      onChange(null, false);
      return setProblem(t('photo.badType'));
    }
    setPhase('preparing');
    onChange(null, true);
    const ready = await shrinkPhoto(picked);
    if (ready.size > MAX_PHOTO_BYTES) {
      input.value = '';
      setFile(null);
      setPhase('empty');
      onChange(null, false);
      return setProblem(t('photo.tooBig'));
    }
    setFile(ready);
    await upload(ready);
  }

  function clear() {
    running.current?.abort();
    setFile(null);
    setPhase('empty');
    setProgress(0);
    setProblem(null);
    onChange(null, false);
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  }

  const pct = Math.round(progress * 100);
  const busy = phase === 'preparing' || phase === 'uploading';
  return (
    <div class="upload-field">
      <Field id={id} label={label} hint={hint ?? t('upload.hint')} error={problem ?? error} required={required}>
        {(c) => (
          <input
            {...c}
            ref={inputRef}
            type="file"
            // No `capture`: on Android it would open the camera only, and a receipt may already be in the gallery.
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => void choose(e)}
          />
        )}
      </Field>
      {preview && (
        <figure class="preview">
          <img src={preview} alt={t('upload.previewAlt', { label })} />
          <figcaption>
            {file?.name} · {Math.ceil((file?.size ?? 0) / 1024)} KB
          </figcaption>
        </figure>
      )}
      {phase === 'uploading' && (
        <div class="progress">
          <label for={`${id}-progress`}>{t('photo.progress')}</label>
          <progress id={`${id}-progress`} max={100} value={pct}>
            {pct}%
          </progress>
          <span aria-hidden="true">{pct}%</span>
        </div>
      )}
      <p class="status" role="status">
        {phase === 'preparing' ? t('upload.preparing') : phase === 'done' ? t('upload.done') : ''}
      </p>
      {(busy || phase === 'done' || phase === 'failed') && (
        <div class="actions">
          {phase === 'uploading' && (
            <button type="button" class="btn btn-small" onClick={() => running.current?.abort()}>
              {t('photo.abort')}
            </button>
          )}
          {phase === 'failed' && file && (
            <button type="button" class="btn btn-small btn-primary" onClick={() => void upload(file)}>
              {t('upload.retry')}
            </button>
          )}
          {(phase === 'done' || phase === 'failed') && (
            <button type="button" class="btn btn-small" onClick={clear}>
              {t('upload.remove')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
