import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { apiPrefix } from '#src/web/api.ts';
import { Invalid, Unauthenticated } from '#src/web/errors.ts';
import { recordDeliveryReceipt } from './delivery.ts';
import { callbackTokenMatches } from './rules.ts';

/** The delivery receipt GOV.UK Notify posts to a service's callback URL; `to` is not read. */
const deliveryReceipt = z.object({
  id: z.uuid(),
  reference: z.string().nullish(),
  status: z.string().min(1),
  completed_at: z.iso.datetime({ offset: true, local: true }).nullish(),
});

export const notifyCallbackPath = `${apiPrefix}/notify/callback`;

/** Notify's delivery receipts. */
export function messageRoutes({ config, db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    // Public, because Notify holds no Heard API key; it proves itself with the bearer token the
    // trust set in Notify's callback settings and in NOTIFY_CALLBACK_TOKEN.
    app.post(notifyCallbackPath, { config: { access: publicAccess } }, async (request, reply) => {
      if (!callbackTokenMatches(config.NOTIFY_CALLBACK_TOKEN, request.headers.authorization)) {
        throw new Unauthenticated('Send the callback bearer token set in NOTIFY_CALLBACK_TOKEN');
      }
      const parsed = deliveryReceipt.safeParse(request.body);
      if (!parsed.success) throw new Invalid('The delivery receipt is not one GOV.UK Notify sends');
      const receipt = parsed.data;
      const outcome = await recordDeliveryReceipt(db, {
        notificationId: receipt.id,
        reference: receipt.reference ?? null,
        status: receipt.status,
        completedAt: receipt.completed_at ? new Date(receipt.completed_at) : null,
      });
      request.log.info(
        { notificationId: receipt.id, status: receipt.status, outcome },
        'Notify delivery receipt',
      );
      return reply.status(outcome === 'unknown' ? 404 : 204).send();
    });
  };
}
