import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError, type z } from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  IdempotentReplay,
  NotFoundError,
  PreconditionFailedError,
  ReservationRefused,
  ServiceBusyError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/domain/errors.js';

/** The body of every error answer. `field` names the input at fault when one does. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
}

const STATUS_BY_ERROR: [new (...args: never[]) => DomainError, ContentfulStatusCode][] = [
  [ValidationError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [ReservationRefused, 409],
  [PreconditionFailedError, 412],
  [IdempotencyKeyReusedError, 422],
  [ServiceBusyError, 503],
];

/** AWS SDK error names that mean "slow down", matched by name so this module needs no SDK import. */
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  // A request that timed out or lost its connection may or may not have been applied: retrying is the answer,
  // and creates are safe to retry with their Idempotency-Key.
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE']);

/** Where zod found a problem, as a dotted field name; unknown keys name the first key that is not allowed. */
function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0] ?? '');
  return path.join('.') || 'body';
}

/** Turns a zod failure on request input into the one error body every route answers with. */
export function invalidRequest(error: ZodError): ErrorBody {
  const issues = error.issues.map((issue) => ({
    field: fieldOf(issue),
    message: issue.code === 'unrecognized_keys' ? 'is not a field of this request' : issue.message,
  }));
  const first = issues[0] ?? { field: 'body', message: 'is invalid' };
  return { error: { code: 'invalid_request', message: `${first.field} ${first.message}`, field: first.field, issues } };
}

/** Thrown by the validation hook so that even request validation answers through `onError`. */
export class RequestValidationFailed extends Error {
  constructor(readonly zodError: ZodError) {
    super('Request validation failed');
  }
}

/**
 * The one place errors become HTTP answers. Anything unexpected is logged and answered with a bare 500:
 * internals never reach the client.
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof RequestValidationFailed) return c.json(invalidRequest(error.zodError), 400);
  if (error instanceof ZodError) return c.json(invalidRequest(error), 400);
  if (error instanceof IdempotentReplay) {
    c.header('Idempotent-Replayed', 'true');
    return c.json(error.body as object, error.status as ContentfulStatusCode);
  }
  if (error instanceof DomainError) {
    const status = STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 400;
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    if (status === 401) c.header('WWW-Authenticate', 'Bearer');
    if (status === 503) c.header('Retry-After', '1');
    return c.json(body, status);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const body: ErrorBody = {
      error: {
        code: status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request',
        message: error.message || 'The request is not valid',
        field: 'body',
      },
    };
    return c.json(body, status);
  }
  if (THROTTLING_ERRORS.has(error.name) || NETWORK_ERROR_CODES.has((error as { code?: string }).code ?? '')) {
    // The table is momentarily over capacity or out of reach: the client should retry, and it is told when;
    // operators still see what happened.
    console.error(JSON.stringify({ level: 'warn', message: error.message, name: error.name, code: (error as { code?: string }).code, path: c.req.path }));
    c.header('Retry-After', '1');
    return c.json({ error: { code: 'busy', message: 'The service is busy; retry in a moment' } }, 503);
  }
  console.error(JSON.stringify({ level: 'error', message: error.message, stack: error.stack, path: c.req.path }));
  return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side; try again later' } }, 500);
}
