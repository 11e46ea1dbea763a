import type { PhotoUpload } from './api';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 8;

export type PhotoProblem = 'badType' | 'tooBig';

/** Checks a chosen file before asking the API for an upload slot. */
export function checkPhoto(file: File): PhotoProblem | null {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'badType';
  if (file.size > MAX_PHOTO_BYTES) return 'tooBig';
  return null;
}

export class UploadError extends Error {
  constructor(readonly status: number) {
    super(status === 0 ? 'Upload aborted or network error' : `Upload failed with HTTP ${status}`);
    this.name = 'UploadError';
  }
}

export interface RunningUpload {
  done: Promise<void>;
  abort(): void;
}

/**
 * Sends a file to a presigned S3 POST: every signed field first, then the file, as multipart form data.
 * XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function postToPresignedUrl(
  slot: PhotoUpload,
  file: File,
  onProgress: (fraction: number) => void,
): RunningUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', file);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadError(xhr.status));
    };
    xhr.onerror = () => reject(new UploadError(0));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.open('POST', slot.url);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
