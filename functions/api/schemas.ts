import { z } from 'zod';

/** `Idempotency-Key` on creates; see middleware/idempotency.ts for what it guarantees. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().optional().meta({
    description: 'Makes the create safe to retry: same key and body → same answer, no second object; same key, other body → 422.',
  }),
});

/** `If-Match: "<version>"` guards an edit against overwriting a change the caller has not seen. */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d{1,9}"?$/, { message: 'must be the ETag of the object, like "3"' })
    .transform((value) => Number(value.replace(/\D/g, '')))
    .optional(),
});

/** The ETag of a versioned object. */
export const etagOf = (version: number) => `"${version}"`;

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorContent = { 'application/json': { schema: ErrorResponse } };

/** Error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid input; `error.field` names the field at fault', content: errorContent },
  401: { description: 'No valid token', content: errorContent },
  403: { description: 'The caller may not do this to this object', content: errorContent },
  404: { description: 'No such object', content: errorContent },
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: { description: 'The object changed meanwhile, or the change conflicts with its state', content: errorContent },
  412: { description: 'If-Match names a version that is no longer current', content: errorContent },
  422: { description: 'The Idempotency-Key was used for a different request', content: errorContent },
} as const;

/** JSON content of one schema, for route definitions. */
export const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** A required JSON body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: json(schema), required: true });

/** Security requirement of routes that need a signed-in caller. */
export const bearer = [{ bearerAuth: [] }];
