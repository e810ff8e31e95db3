import { z } from 'zod';
import { type apiOperations, apiPrefix, problemSchema } from '#src/web/api.ts';
import { openApiPath } from './rules.ts';

export type ApiOperationDescription = ReturnType<typeof apiOperations>[number];

/** A JSON Schema (2020-12, the dialect OpenAPI 3.1 uses) as z.toJSONSchema makes it. */
export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  'x-permission': string;
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
  security: Record<string, string[]>[];
}

export const problemResponses = {
  '400': 'The request could not be read',
  '401': 'No API key was sent, or it is wrong or revoked',
  '403': 'The API key does not have the permission this operation needs',
  '404': 'The record does not exist, or the API key cannot see it',
  '422': 'The request is not valid: `errors` says which field is wrong and why',
} as const;

const problemRef = { $ref: '#/components/schemas/Problem' };

/**
 * Zod's JSON Schema for one part of an operation. Types JSON cannot express (a Date becomes an
 * ISO 8601 string on the wire) are described as what is sent. References must resolve from the
 * document's root, so nested definitions move to components.schemas, and so does a schema that
 * refers to itself (which zod writes as `#`), under `name`.
 */
function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  name: string,
  components: Record<string, JsonSchema>,
): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date')
        Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...root } = generated;
  const renamed = new Map<string, string>([['#', `#/components/schemas/${name}`]]);
  const definitions = Object.entries(($defs ?? {}) as Record<string, JsonSchema>);
  for (const [definitionName] of definitions) {
    // A schema given an id in zod's registry keeps it, shared by every operation that uses it;
    // one zod had to name itself (__schema0) belongs to this operation alone.
    const componentName = definitionName.startsWith('__')
      ? `${name}_${definitionName.replace(/^_+/, '')}`
      : definitionName;
    renamed.set(`#/$defs/${definitionName}`, `#/components/schemas/${componentName}`);
  }
  for (const [definitionName, definition] of definitions) {
    const target = renamed.get(`#/$defs/${definitionName}`) ?? '';
    components[target.slice('#/components/schemas/'.length)] = rewriteRefs(definition, renamed) as JsonSchema;
  }
  const rewritten = rewriteRefs(root, renamed) as JsonSchema;
  if (!refersToRoot(root)) return rewritten;
  components[name] = rewritten;
  return { $ref: `#/components/schemas/${name}` };
}

function refersToRoot(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(refersToRoot);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => (key === '$ref' ? item === '#' : refersToRoot(item)));
}

function rewriteRefs(value: unknown, renamed: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renamed));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string'
        ? [key, renamed.get(item) ?? item]
        : [key, rewriteRefs(item, renamed)],
    ),
  );
}

function parametersOf(
  operation: ApiOperationDescription,
  components: Record<string, JsonSchema>,
): OpenApiParameter[] {
  const parameters: OpenApiParameter[] = [];
  const add = (schema: z.ZodType | undefined, location: 'path' | 'query') => {
    if (!schema) return;
    const json = jsonSchemaOf(schema, 'input', `${operation.operationId}_${location}`, components);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      const description = typeof property.description === 'string' ? property.description : undefined;
      parameters.push({
        name,
        in: location,
        required: location === 'path' || required.has(name),
        description,
        schema: property,
      });
    }
  };
  add(operation.params, 'path');
  add(operation.query, 'query');
  // A path parameter the operation did not describe is still a required string.
  for (const match of operation.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    const name = match[1] ?? '';
    if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  return parameters;
}

function operationObject(
  operation: ApiOperationDescription,
  components: Record<string, JsonSchema>,
): OpenApiOperation {
  const successStatus = String(operation.successStatus ?? 200);
  const parameters = parametersOf(operation, components);
  const described: OpenApiOperation = {
    operationId: operation.operationId,
    summary: operation.summary,
    description: `Needs an API key with the permission \`${operation.permission}\`.`,
    tags: [operation.tag],
    'x-permission': operation.permission,
    responses: {
      [successStatus]: {
        description: successStatus === '201' ? 'Created' : 'OK',
        content: {
          'application/json': {
            schema: jsonSchemaOf(
              operation.response,
              'output',
              `${operation.operationId}_response`,
              components,
            ),
          },
        },
      },
      ...Object.fromEntries(
        Object.keys(problemResponses).map((status) => [
          status,
          { $ref: `#/components/responses/Problem${status}` },
        ]),
      ),
    },
  };
  if (parameters.length > 0) described.parameters = parameters;
  if (operation.body) {
    described.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: jsonSchemaOf(operation.body, 'input', `${operation.operationId}_body`, components),
        },
      },
    };
  }
  return described;
}

/** The OpenAPI 3.1 description of every operation registered with defineApiOperation. */
export function openApiDocument(operations: readonly ApiOperationDescription[]): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {
    Problem: jsonSchemaOf(problemSchema, 'output', 'Problem', {}),
  };
  const paths: OpenApiDocument['paths'] = {};
  const sorted = [...operations].sort((a, b) => a.tag.localeCompare(b.tag) || a.path.localeCompare(b.path));
  for (const operation of sorted) {
    const path = openApiPath(`${apiPrefix}${operation.path}`);
    paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(operation, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heard API',
      version: '1.0.0',
      description:
        'The JSON API for integrations: survey vendors, Care Opinion import, BI tools. ' +
        'Authenticate with an API key made by an administrator in Heard, sent as `Authorization: Bearer <key>`. ' +
        'Errors are `application/problem+json` (RFC 9457).',
    },
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(problemResponses).map(([status, description]) => [
          `Problem${status}`,
          { description, content: { 'application/problem+json': { schema: problemRef } } },
        ]),
      ),
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'heard_<key id>_<secret>',
          description: 'An API key made by an administrator under API keys in Heard.',
        },
      },
    },
    security: [{ apiKey: [] }],
  };
}
