import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../../shared/db/cursor.js';
import { ValidationError } from '../../../../shared/domain/errors.js';
import { Cursor } from '../../../../shared/domain/common.js';

const KEY = { PK: 'LISTING#c/%E7%AE%80', SK: 'prd_01JA0000000000000000000001', LSI1SK: '0000000050#prd_01JA0000000000000000000001' };

function decodeError(queryId: string, cursor: string): unknown {
  try {
    decodeCursor(queryId, cursor);
    return 'decoded';
  } catch (error) {
    return error;
  }
}

const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

describe('cursor', () => {
  it('round-trips a start key for the same query, and passes through the first and last pages', () => {
    // Prepare
    const cursor = encodeCursor('products:LISTING#all:cheapest:', KEY);
    // Act
    const decoded = decodeCursor('products:LISTING#all:cheapest:', cursor ?? undefined);
    // Assess
    expect(typeof cursor).toBe('string');
    expect(decoded).toEqual(KEY);
    expect(Cursor.safeParse(cursor).success).toBe(true);
    expect(encodeCursor('q', undefined)).toBeNull();
    expect(decodeCursor('q', undefined)).toBeUndefined();
  });

  it('rejects damaged cursors, cursors of another query and well-formed payloads of the wrong shape, on field cursor', () => {
    // Prepare
    const good = encodeCursor('villages:简阳市', { GSI1PK: 'VILLAGES', GSI1SK: 'x#vil_1', PK: 'VILLAGE#vil_1', SK: '#VILLAGE' })!;
    const bad = {
      otherQuery: decodeError('villages:蒲江县', good),
      truncated: decodeError('villages:简阳市', good.slice(0, good.length - 5)),
      garbage: decodeError('villages:简阳市', 'not-a-cursor'),
      empty: decodeError('villages:简阳市', ''),
      notAnObject: decodeError('q', encode(null)),
      missingKey: decodeError('q', encode({ q: 'q' })),
      numberInKey: decodeError('q', encode({ q: 'q', k: { PK: 1 } })),
      extraField: decodeError('q', encode({ q: 'q', k: { PK: 'a' }, admin: true })),
    };
    // Act / Assess
    for (const [name, error] of Object.entries(bad)) {
      expect(error, name).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field, name).toBe('cursor');
    }
  });
});
