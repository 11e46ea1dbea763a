/**
 * Domain errors. Use cases throw these; the API's single `onError` maps each class to one HTTP status,
 * so no route or use case ever decides a status code itself.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Dotted path of the input field at fault (`priceFen`, `harvestWindow.start`), when one field is. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** The input is well-formed but breaks a rule (a date window that ends before it starts). → 400 */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
}

/** No valid credentials were presented. → 401 */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** The caller is known but may not do this to this object. → 403 */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** The object does not exist (or the caller may not know that it exists). → 404 */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The object's current state forbids the change (stock would go negative, a stale version). → 409 */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The store stayed too busy (contention, throttling) after retries; the client should retry later. → 503 */
export class ServiceBusyError extends DomainError {
  readonly code = 'busy';
}

/** A reservation could not be made: the 409 names why (`sold_out`, `closed`, `over_maximum` …). */
export class ReservationRefused extends DomainError {
  readonly code: string;
  constructor(reason: string, message: string, field?: string) {
    super(message, field);
    this.code = reason;
  }
}

/** The caller's If-Match version is not the stored one: it edited from a stale copy. → 412 */
export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition_failed';
}

/** An Idempotency-Key was reused with a different request. → 422 */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency_key_reused';
  constructor(message = 'This Idempotency-Key was already used with a different request', field = 'Idempotency-Key') {
    super(message, field);
  }
}

/**
 * A concurrent request with the same Idempotency-Key won the race and its response is stored:
 * the API answers with that stored response, exactly as a later retry would see it.
 */
export class IdempotentReplay extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super('Replaying the stored response of an earlier request with the same Idempotency-Key');
    this.name = 'IdempotentReplay';
  }
}
