import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiOperationDescription, openApiDocument } from './openapi.ts';
import { apiDocsModel, fieldsOf, typeInWords } from './views/api-docs-model.ts';

interface TreeNode {
  name: string;
  children: TreeNode[];
}
const treeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({ name: z.string(), children: z.array(treeNode) }),
);

const noHandler = async () => {
  throw new Error('not called');
};

const listUnits: ApiOperationDescription = {
  method: 'GET',
  path: '/units',
  operationId: 'listUnits',
  summary: 'List units',
  tag: 'Units',
  permission: 'units:view',
  query: z.object({
    kind: z.enum(['ward', 'team']).optional().describe('Only units of this kind'),
    activeOn: z.coerce.date().describe('Units active on this date'),
  }),
  response: z.array(
    z.object({
      unitId: z.uuid(),
      name: z.string(),
      activeTo: z.date().nullable(),
      parent: z.object({ name: z.string() }),
    }),
  ),
  handler: noHandler,
};

const createUnit: ApiOperationDescription = {
  method: 'POST',
  path: '/units/:parentUnitId/children',
  operationId: 'createUnit',
  summary: 'Add a unit below another',
  tag: 'Units',
  permission: 'units:manage',
  params: z.object({ parentUnitId: z.uuid() }),
  body: z.object({ name: z.string().min(1).describe('What staff call it'), code: z.string().default('X') }),
  response: z.object({ unitId: z.uuid() }),
  successStatus: 201,
  handler: noHandler,
};

const unitTree: ApiOperationDescription = {
  method: 'GET',
  path: '/units/:unitId/tree',
  operationId: 'unitTree',
  summary: 'A unit and everything below it',
  tag: 'Units',
  permission: 'units:view',
  response: treeNode,
  handler: noHandler,
};

const unitForest: ApiOperationDescription = {
  method: 'GET',
  path: '/units/forest',
  operationId: 'unitForest',
  summary: 'Every tree of units',
  tag: 'Units',
  permission: 'units:view',
  response: z.object({ trees: z.array(treeNode) }),
  handler: noHandler,
};

const getOrganisation: ApiOperationDescription = {
  method: 'GET',
  path: '/organisation',
  operationId: 'getOrganisation',
  summary: 'The organisation',
  tag: 'Organisation',
  permission: 'units:view',
  response: z.object({ name: z.string(), odsCode: z.string() }),
  handler: noHandler,
};

describe('openApiDocument', () => {
  const document = openApiDocument([listUnits, createUnit, unitTree, unitForest, getOrganisation]);

  it('is OpenAPI 3.1 with a bearer API key required by default', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ apiKey: [] }]);
  });

  it('lists each operation under its full path, with path parameters in braces', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/organisation',
      '/api/v1/units',
      '/api/v1/units/forest',
      '/api/v1/units/{parentUnitId}/children',
      '/api/v1/units/{unitId}/tree',
    ]);
    expect(document.paths['/api/v1/units']?.get).toMatchObject({
      operationId: 'listUnits',
      summary: 'List units',
      tags: ['Units'],
      'x-permission': 'units:view',
    });
  });

  it('turns the query into optional and required query parameters, keeping their descriptions', () => {
    expect(document.paths['/api/v1/units']?.get?.parameters).toEqual([
      {
        name: 'kind',
        in: 'query',
        required: false,
        description: 'Only units of this kind',
        schema: { type: 'string', enum: ['ward', 'team'], description: 'Only units of this kind' },
      },
      expect.objectContaining({ name: 'activeOn', in: 'query', required: true }),
    ]);
  });

  it('turns path parameters into required parameters, describing one the operation left out as text', () => {
    expect(document.paths['/api/v1/units/{parentUnitId}/children']?.post?.parameters).toEqual([
      expect.objectContaining({
        name: 'parentUnitId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ format: 'uuid' }),
      }),
    ]);
    expect(document.paths['/api/v1/units/{unitId}/tree']?.get?.parameters).toEqual([
      { name: 'unitId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('describes the body as it may be sent, with defaults making a field optional', () => {
    const body = document.paths['/api/v1/units/{parentUnitId}/children']?.post?.requestBody;
    expect(body?.required).toBe(true);
    expect(body?.content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 }, code: { type: 'string', default: 'X' } },
      required: ['name'],
    });
  });

  it('describes the success response under 201 for an operation that creates, and 200 otherwise', () => {
    expect(
      Object.keys(document.paths['/api/v1/units/{parentUnitId}/children']?.post?.responses ?? {}),
    ).toContain('201');
    expect(Object.keys(document.paths['/api/v1/organisation']?.get?.responses ?? {})).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '422',
    ]);
  });

  it('describes dates as ISO 8601 text, as they are sent', () => {
    const response = document.paths['/api/v1/units']?.get?.responses['200'] as {
      content: { 'application/json': { schema: { items: { properties: Record<string, unknown> } } } };
    };
    expect(response.content['application/json'].schema.items.properties.activeTo).toEqual({
      anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }],
    });
  });

  it('describes every problem as application/problem+json with the shared problem schema', () => {
    expect(document.components.responses.Problem401).toEqual({
      description: 'No API key was sent, or it is wrong or revoked',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(document.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail']),
    });
    expect(document.paths['/api/v1/units']?.get?.responses['403']).toEqual({
      $ref: '#/components/responses/Problem403',
    });
  });

  it('moves the definitions of a recursive schema to components, where references from the root resolve', () => {
    const response = document.paths['/api/v1/units/{unitId}/tree']?.get?.responses['200'] as {
      content: { 'application/json': { schema: Record<string, unknown> } };
    };
    expect(response.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/unitTree_response',
    });
    const text = JSON.stringify(document);
    const references = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(references.filter((reference) => !reference.startsWith('#/components/'))).toEqual([]);
    for (const reference of references.filter((ref) => ref.startsWith('#/components/schemas/'))) {
      expect(document.components.schemas[reference.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('includes whatever has been registered, and nothing when nothing has', () => {
    expect(openApiDocument([]).paths).toEqual({});
  });
});

describe('API documentation page', () => {
  const document = openApiDocument([listUnits, createUnit, getOrganisation]);
  const model = apiDocsModel(document);

  it.each([
    [{ type: 'string' }, 'text'],
    [{ type: 'string', format: 'uuid' }, 'text (uuid)'],
    [{ type: 'integer' }, 'whole number'],
    [{ type: ['string', 'null'] }, 'text or nothing'],
    [{ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }, 'text (date-time) or nothing'],
    [{ enum: ['ward', 'team'] }, 'one of: ward, team'],
    [{ type: 'array', items: { type: 'boolean' } }, 'list of true or false'],
    [{}, 'any value'],
  ])('describes %j as %s', (schema, words) => {
    expect(typeInWords(schema)).toBe(words);
  });

  it('lists nested fields by their path', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        unit: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        tags: { type: 'array', items: { type: 'object', properties: { polarity: { type: 'string' } } } },
      },
      required: ['unit'],
    });
    expect(fields.map((field) => [field.name, field.required])).toEqual([
      ['unit', true],
      ['unit.name', true],
      ['tags', false],
      ['tags[].polarity', false],
    ]);
  });

  it('groups operations by tag and shows method, path, summary, permission, parameters and fields', () => {
    expect(model.groups.map((group) => group.tag)).toEqual(['Organisation', 'Units']);
    const create = model.groups[1]?.operations.find((operation) => operation.id === 'createUnit');
    expect(create).toMatchObject({
      method: 'POST',
      path: '/api/v1/units/{parentUnitId}/children',
      summary: 'Add a unit below another',
      permission: 'units:manage',
      successStatus: '201',
    });
    expect(create?.parameters[0]?.[0]).toEqual({ text: 'parentUnitId', classes: 'heard-monospace' });
    expect(create?.requestFields.map((row) => row[0]?.text)).toEqual(['name', 'code']);
    expect(create?.requestFields[0]?.[3]).toEqual({ text: 'What staff call it' });
    const list = model.groups[1]?.operations.find((operation) => operation.id === 'listUnits');
    expect(list?.responseIsList).toBe(true);
    expect(list?.responseFields.map((row) => row[0]?.text)).toEqual([
      'unitId',
      'name',
      'activeTo',
      'parent',
      'parent.name',
    ]);
  });

  it('lists the problem statuses an integration should expect', () => {
    expect(model.problemStatuses.map((row) => row.key.text)).toEqual(['400', '401', '403', '404', '422']);
  });
});
