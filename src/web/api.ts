import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Permission } from '#src/domains/identity/index.ts';
import { Invalid } from './errors.ts';

/**
 * A JSON API operation described once in zod: the same schemas validate requests,
 * shape responses (so nothing extra leaks) and become the OpenAPI document.
 */
export interface ApiOperation<
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below /api/v1, in Fastify's form: /units/:unitId */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  permission: Permission;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** 201 for operations that create. */
  successStatus?: number;
  handler(
    input: { params: z.infer<Params>; query: z.infer<Query>; body: z.infer<Body> },
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<z.input<Response>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds operations of every shape
type AnyOperation = ApiOperation<any, any, any, any>;

export const apiPrefix = '/api/v1';
const registry: AnyOperation[] = [];

/** Every operation registered so far, for the OpenAPI document. */
export const apiOperations = (): readonly AnyOperation[] => registry;

function parseOrThrow<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join('.') || part, issue.message]),
  );
  throw new Invalid(`The request ${part} is not valid`, fieldErrors);
}

export function defineApiOperation<
  Params extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodType = z.ZodUndefined,
  Body extends z.ZodType = z.ZodUndefined,
  Response extends z.ZodType = z.ZodType,
>(app: FastifyInstance, operation: ApiOperation<Params, Query, Body, Response>): void {
  if (!registry.some((known) => known.operationId === operation.operationId)) registry.push(operation);
  app.route({
    method: operation.method,
    url: `${apiPrefix}${operation.path}`,
    config: { access: { permission: operation.permission, apiKeys: true } },
    handler: async (request, reply) => {
      const input = {
        params: parseOrThrow(operation.params, request.params, 'path'),
        query: parseOrThrow(operation.query, request.query, 'query'),
        body: parseOrThrow(operation.body, request.body, 'body'),
      };
      const result = await operation.handler(input, request, reply);
      return reply.status(operation.successStatus ?? 200).send(operation.response.parse(result));
    },
  });
}

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
