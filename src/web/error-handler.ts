import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from './errors.ts';

interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: Record<string, string>;
}

/** Turns anything thrown into the right status, in NHS.UK words, with no stack trace shown. */
function problemFor(error: FastifyError | DomainError): Problem {
  if (error instanceof DomainError) {
    return { status: error.status, title: error.title, detail: error.message, errors: error.fieldErrors };
  }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      title: 'Your form has expired',
      detail: 'For your security, forms expire. Go back, reload the page and try again.',
    };
  }
  if (error.statusCode === 429) {
    return {
      status: 429,
      title: 'Too many attempts',
      detail: 'You have tried too many times. Wait a minute and try again.',
    };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, title: 'There is a problem', detail: error.message };
  }
  return {
    status: 500,
    title: 'Sorry, there is a problem with the service',
    detail:
      'Try again later. If the problem continues, contact your Heard administrator and quote the reference below.',
  };
}

export async function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (request.url.startsWith('/api/') || request.headers.accept === 'application/problem+json') {
    return reply
      .status(problem.status)
      .type('application/problem+json')
      .send({ type: 'about:blank', ...problem, instance: request.url, requestId: request.id });
  }
  return reply.render('errors/problem.njk', { problem, requestId: request.id }, problem.status);
}

export const errorHandling = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = problemFor(error);
    if (problem.status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
    else request.log.info({ status: problem.status, code: error.code, requestId: request.id }, error.message);
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      title: 'Page not found',
      detail:
        'If you typed the web address, check it is correct. If you pasted it, check you copied all of it.',
    }),
  );
});
