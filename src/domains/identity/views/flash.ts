import type { FastifyRequest } from 'fastify';

/** Keeps a one-line success message for the page the person is sent to next (after a 303). */
export function setSuccessMessage(request: FastifyRequest, message: string): void {
  request.session.flash = message;
}

/** The success message left by the last form, shown once. */
export function takeSuccessMessage(request: FastifyRequest): string | undefined {
  const message = request.session.flash;
  if (message) request.session.flash = undefined;
  return message;
}
