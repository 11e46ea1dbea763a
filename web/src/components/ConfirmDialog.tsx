import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface ConfirmOptions {
  title: string;
  body?: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * A modal confirmation on the native `<dialog>`: the browser traps focus, Esc cancels, the page behind is inert.
 * `ask` resolves true on confirm; focus goes back to where it was.
 */
export function useConfirm(): [ComponentChildren, (o: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<{ o: ConfirmOptions; resolve(ok: boolean): void } | null>(null);
  const ask = (o: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ o, resolve }));
  const element = pending ? (
    <ConfirmDialog
      {...pending.o}
      onClose={(ok) => {
        pending.resolve(ok);
        setPending(null);
      }}
    />
  ) : null;
  return [element, ask];
}

function ConfirmDialog({ title, body, confirmLabel, danger, onClose }: ConfirmOptions & { onClose(ok: boolean): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => opener?.focus?.();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby={body ? 'confirm-body' : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      {body && <div id="confirm-body">{body}</div>}
      <div class="actions dialog-actions">
        <button type="button" class="btn" autoFocus onClick={() => onClose(false)}>
          {t('common.back')}
        </button>
        <button type="button" class={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={() => onClose(true)}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
