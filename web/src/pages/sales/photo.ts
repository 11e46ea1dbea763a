/**
 * Receipt and delivery photos are taken on cheap phones (often 4000 px, 3–5 MB) and sent over weak rural networks:
 * before uploading, a large photo is redrawn at most 1600 px on its long edge as a JPEG, which keeps a receipt
 * legible at a tenth of the bytes. Anything that goes wrong keeps the original file.
 */
export const MAX_EDGE = 1600;
/** Photos at or below this size are sent as they are. */
export const SHRINK_ABOVE_BYTES = 600 * 1024;

/** The size a `width × height` image is drawn at so that neither edge exceeds `max`; never enlarged. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A smaller JPEG of a large photo, or the photo itself when it is small, cannot be decoded, or would not shrink. */
export async function shrinkPhoto(file: File): Promise<File> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const size = fitWithin(bitmap.width, bitmap.height, MAX_EDGE);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg' });
  } catch {
    return file;
  }
}
