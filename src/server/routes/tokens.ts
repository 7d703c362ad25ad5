/** API tokens (admin): list, create (shown once), delete. */
import { z } from 'zod';
import { createToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { okBody, tokenCreate, tokenCreated, tokenInfo } from '../schemas/api.ts';
import { idParam } from '../schemas/params.ts';

export function tokenRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/tokens',
      access: 'admin',
      tag: 'access',
      summary: 'API tokens, without the tokens themselves',
      response: z.array(tokenInfo),
      handle: ({ deps }) => deps.tokens.list(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tokens',
      access: 'admin',
      tag: 'access',
      summary: 'Create a token',
      description: 'The answer is the only time the token is shown: only its SHA-256 is kept.',
      body: tokenCreate,
      response: tokenCreated,
      status: 201,
      async handle({ body, deps }) {
        const { token, info } = await createToken(deps.tokens, body.name, body.role, deps.now);
        return { token, info };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/tokens/:id',
      access: 'admin',
      tag: 'access',
      summary: 'Delete a token; its sessions end with it',
      params: idParam,
      response: okBody,
      errors: ['not_found'],
      async handle({ params, deps }) {
        const all = await deps.tokens.list();
        const target = all.find((t) => t.id === params.id);
        if (!target) throw new ApiError('not_found', `no token ${params.id}`);
        // without an admin token nobody could manage tokens again short of editing the database
        if (target.role === 'admin' && all.filter((t) => t.role === 'admin').length === 1) {
          throw new ApiError('bad_request', 'this is the last admin token; create another admin token first');
        }
        await deps.tokens.delete(params.id);
        deps.verifier.forget(params.id);
        deps.sessions.revokeToken(params.id);
        return { ok: true };
      },
    }),
  ];
}
