import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Account } from '../../shared/domain/account.js';
import { Actor } from '../../shared/domain/actor.js';
import { AccountId } from '../../shared/domain/common.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import type { AccountRepository } from '../../shared/domain/ports.js';
import type { AppEnv } from '../../functions/api/env.js';
import { errorResponses, json, jsonBody } from '../../functions/api/schemas.js';
import type { DevIssuer } from './dev-issuer.js';

/**
 * `/api/dev/*`: pick a seeded account and get a token for it. Registered by the local server only — the
 * Lambda app never has these routes (test/api/dev-routes.test.ts proves it).
 */
export function devRoutes(deps: { accounts: AccountRepository; issuer: DevIssuer }) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/dev/accounts',
      summary: 'Seeded accounts to sign in as (local stack only)',
      responses: { 200: { description: 'Accounts', content: json(z.object({ items: z.array(Account) })) } },
    }),
    async (c) => c.json({ items: await deps.accounts.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/dev/sign-in',
      summary: 'Sign in as a seeded account (local stack only)',
      request: { body: jsonBody(z.object({ accountId: AccountId }).strict()) },
      responses: {
        200: { description: 'A token', content: json(z.object({ token: z.string(), actor: Actor })) },
        ...errorResponses,
      },
    }),
    async (c) => {
      const account = await deps.accounts.get(c.req.valid('json').accountId);
      if (!account) throw new NotFoundError('No such account', 'accountId');
      const token = await deps.issuer.issue(account);
      return c.json({ token, actor: await deps.issuer.verifier.verify(token) }, 200);
    },
  );

  return app;
}
