import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

const StartKey = z.record(z.string(), z.string());
const CursorPayload = z.object({ q: z.string(), k: StartKey }).strict();

/**
 * Cursors are opaque to clients: the DynamoDB start key plus the query it belongs to, base64url-encoded.
 * A cursor replayed against a different query (other filters or sort) is rejected rather than misread.
 */
export function encodeCursor(queryId: string, startKey: Record<string, unknown> | undefined): string | null {
  if (!startKey) return null;
  return Buffer.from(JSON.stringify({ q: queryId, k: startKey }), 'utf8').toString('base64url');
}

export function decodeCursor(queryId: string, cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('cursor is not one this API issued', 'cursor');
  }
  const parsed = CursorPayload.safeParse(payload);
  if (!parsed.success || parsed.data.q !== queryId) {
    throw new ValidationError('cursor belongs to another query or is damaged; start from the first page', 'cursor');
  }
  return parsed.data.k;
}
