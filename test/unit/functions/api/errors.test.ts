import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { RequestValidationFailed, invalidRequest, onError } from '../../../../functions/api/errors.js';
import {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  IdempotentReplay,
  NotFoundError,
  PreconditionFailedError,
  UnauthenticatedError,
  ValidationError,
} from '../../../../shared/domain/errors.js';
import { ProductInput } from '../../../../shared/domain/product.js';
import { productInput } from '../../../support/fixtures.js';

function zodErrorOf(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be invalid');
  return result.error;
}

/** A tiny app whose only route throws whatever the test hands it. */
async function answerTo(error: Error) {
  const app = new Hono();
  app.onError(onError);
  app.get('/boom', () => {
    throw error;
  });
  const response = await app.request('/boom');
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('invalidRequest', () => {
  it('names a nested field by its dotted path', () => {
    // Prepare
    const error = zodErrorOf(ProductInput, productInput({ harvestWindow: { start: '02-30', end: '03-01' } }));
    // Act
    const body = invalidRequest(error);
    // Assess
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.field).toBe('harvestWindow.start');
    expect(body.error.message).toBe('harvestWindow.start must be a real calendar day (MM-DD)');
    expect(body.error.issues).toEqual([{ field: 'harvestWindow.start', message: 'must be a real calendar day (MM-DD)' }]);
  });

  it('names an unrecognized key, top-level or nested, by the key itself', () => {
    // Prepare
    const topLevel = zodErrorOf(ProductInput, { ...productInput(), colour: 'red' });
    const nested = zodErrorOf(ProductInput, productInput({ harvestWindow: { start: '01-01', end: '02-01', year: 2026 } as never }));
    // Act
    const top = invalidRequest(topLevel);
    const inner = invalidRequest(nested);
    // Assess
    expect(top.error.field).toBe('colour');
    expect(top.error.message).toBe('colour is not a field of this request');
    expect(inner.error.field).toBe('harvestWindow.year');
  });

  it('lists every issue and falls back to body when no path is known', () => {
    // Prepare
    const several = zodErrorOf(ProductInput, productInput({ priceFen: 1.5, unit: 'ton' as never }));
    const notAnObject = zodErrorOf(ProductInput, 'text');
    // Act
    const many = invalidRequest(several);
    const whole = invalidRequest(notAnObject);
    // Assess
    expect(many.error.issues?.map((i) => i.field).sort()).toEqual(['priceFen', 'unit']);
    expect(whole.error.field).toBe('body');
  });
});

describe('onError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('maps each domain error to its status, code and field', async () => {
    // Prepare
    const cases: [Error, number, string, string | undefined][] = [
      [new ValidationError('bad window', 'harvestWindow.end'), 400, 'validation_failed', 'harvestWindow.end'],
      [new UnauthenticatedError('Sign in first'), 401, 'unauthenticated', undefined],
      [new ForbiddenError('not yours'), 403, 'forbidden', undefined],
      [new NotFoundError('No such product', 'productId'), 404, 'not_found', 'productId'],
      [new ConflictError('stock', 'delta'), 409, 'conflict', 'delta'],
      [new PreconditionFailedError('stale', 'If-Match'), 412, 'precondition_failed', 'If-Match'],
      [new IdempotencyKeyReusedError(), 422, 'idempotency_key_reused', 'Idempotency-Key'],
    ];
    // Act
    const answers = await Promise.all(cases.map(([error]) => answerTo(error)));
    // Assess
    answers.forEach((answer, i) => {
      const [error, status, code, field] = cases[i]!;
      expect(answer.status, code).toBe(status);
      expect(answer.body, code).toEqual({ error: { code, message: error.message, ...(field ? { field } : {}) } });
    });
    expect(answers[1]!.headers.get('www-authenticate')).toBe('Bearer');
    expect(answers[2]!.headers.get('www-authenticate')).toBeNull();
  });

  it('answers a replay with the stored status and body, marked as replayed', async () => {
    // Prepare / Act
    const answer = await answerTo(new IdempotentReplay(201, { productId: 'prd_1', name: '冬笋' }));
    // Assess
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ productId: 'prd_1', name: '冬笋' });
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers zod failures, thrown or from request validation, with 400 invalid_request', async () => {
    // Prepare
    const zodError = zodErrorOf(ProductInput, { ...productInput(), priceFen: -1 });
    // Act
    const thrown = await answerTo(zodError);
    const hooked = await answerTo(new RequestValidationFailed(zodError));
    // Assess
    for (const answer of [thrown, hooked]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'invalid_request', field: 'priceFen' } });
    }
  });

  it('maps HTTP exceptions and hides unexpected errors behind a bare 500', async () => {
    // Prepare
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Act
    const tooLarge = await answerTo(new HTTPException(413, { message: 'too big' }));
    const unsupported = await answerTo(new HTTPException(415));
    const internal = await answerTo(new Error('connection string postgres://secret'));
    // Assess
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ error: { code: 'payload_too_large', message: 'too big', field: 'body' } });
    expect(unsupported.status).toBe(415);
    expect((unsupported.body.error as { code: string }).code).toBe('unsupported_media_type');
    expect(internal.status).toBe(500);
    expect(internal.body).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side; try again later' } });
    expect(JSON.stringify(internal.body)).not.toContain('secret');
    expect(log).toHaveBeenCalledTimes(1);
  });
});
