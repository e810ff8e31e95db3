import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { Invalid } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import type { CodingChange } from './coding.ts';
import { commentsExplorer, explorerPageSize } from './explorer.ts';
import { commentsService } from './service.ts';
import { commentModel, explorerModel, readExplorerForm } from './views/explorer-model.ts';

const viewer = { access: { permission: 'comments:view' } } as const;
const corrector = { access: { permission: 'comments:correct' } } as const;

const params = z.object({ commentId: z.string().max(64) });
const correctionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add-theme'),
    theme: z.string({ error: 'Select a theme' }).min(1, 'Select a theme'),
  }),
  z.object({ kind: z.literal('remove-theme'), theme: z.string().min(1, 'Select a theme') }),
  z.object({
    kind: z.literal('change-sentiment'),
    sentiment: z.coerce.number({ error: 'Select a sentiment' }).int().min(1, 'Select a sentiment').max(5),
  }),
]);

/**
 * The comments explorer: filters, search, counts and trend per theme; one comment's coding and its
 * probabilities; and staff corrections. Only redacted words are shown: the original text stays with
 * the case team, on the case.
 */
export function commentRoutes({ db }: DomainDependencies) {
  const explorer = commentsExplorer({ db });
  const service = commentsService({ db });
  return async (app: FastifyInstance) => {
    app.get('/comments', { config: viewer }, async (request, reply) => {
      const form = readExplorerForm(request.query);
      const result = await explorer.explore(principalOf(request), form.filters, form.page);
      return reply.render('comments/views/explorer.njk', explorerModel(form, result, explorerPageSize));
    });

    app.get('/comments/:commentId', { config: viewer }, async (request, reply) => {
      const principal = principalOf(request);
      const { commentId } = params.parse(request.params);
      const found = await explorer.comment(principal, commentId);
      return reply.render(
        'comments/views/comment.njk',
        commentModel(found, principal.permissions.has('comments:correct')),
      );
    });

    app.post('/comments/:commentId/corrections', { config: corrector }, async (request, reply) => {
      const principal = principalOf(request);
      const { commentId } = params.parse(request.params);
      // The comment must be within the person's units before it can be changed.
      const found = await explorer.comment(principal, commentId);
      const parsed = correctionSchema.safeParse(formBody(request.body));
      const refuse = (problem: string) =>
        reply.render('comments/views/comment.njk', commentModel(found, true, problem), 400);
      if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? 'Choose a correction');
      try {
        await service.correctComment(
          principal.orgId,
          actorOf(principal, request.id),
          commentId,
          parsed.data as CodingChange,
        );
      } catch (error) {
        if (error instanceof Invalid) return refuse(error.message);
        throw error;
      }
      setSuccessMessage(request, 'The coding was corrected');
      return reply.redirect(`/comments/${commentId}`, 303);
    });
  };
}
