import type { FastifyRequest } from 'fastify';

// A one-line success message kept in the session across the 303 that follows a successful
// form, and shown once, in the NHS.UK success banner at the top of whichever page comes next
// (web/views.ts takes it; web/views/layout.njk shows it).

/** Keeps a success message for the page the person is sent to next. */
export function setSuccessMessage(request: FastifyRequest, text: string): void {
  request.session.flash = text;
}

/** The success message left by the last form, taken out of the session so it is shown only once. */
export function takeSuccessMessage(request: FastifyRequest): string | undefined {
  const text = request.session?.flash;
  // Only a session holding a message is changed, so other pages do not rewrite the session.
  if (text) request.session.flash = undefined;
  return text;
}
