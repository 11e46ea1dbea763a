import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Deps } from '../../../shared/domain/ports.js';
import type { AppEnv } from '../env.js';
import { bearer, errorResponses, json } from '../schemas.js';
import { Actor, requireActor } from '../../../shared/domain/actor.js';

/** Liveness and the caller's own identity. */
export function healthRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      summary: 'Liveness',
      responses: { 200: { description: 'Up', content: json(z.object({ status: z.literal('ok'), time: z.string() })) } },
    }),
    (c) => c.json({ status: 'ok' as const, time: deps.clock.now().toISOString() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'Who the token says the caller is',
      security: bearer,
      responses: { 200: { description: 'The caller', content: json(z.object({ actor: Actor })) }, ...errorResponses },
    }),
    (c) => c.json({ actor: requireActor(c.get('caller')) }, 200),
  );

  return app;
}
