import type { FastifyReply, FastifyRequest } from 'fastify';

/** Only a path on this site, so that a crafted link cannot send someone elsewhere after they sign in. */
export function safeReturnPath(returnTo: string | undefined): string {
  return returnTo?.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\')
    ? returnTo
    : '/';
}

/** Starts a fresh session for the person who has just proved who they are (no session fixation). */
export async function startSignedInSession(
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: { orgId: string; userId: string },
) {
  const returnTo = request.session.returnTo;
  await request.session.regenerate();
  request.session.orgId = signedIn.orgId;
  request.session.userId = signedIn.userId;
  return reply.redirect(safeReturnPath(returnTo), 303);
}
