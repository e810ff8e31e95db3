import type { JsonSchema, OpenApiDocument, OpenApiOperation } from '../openapi.ts';

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

const maxDepth = 4;

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    return components[ref.slice('#/components/schemas/'.length)] ?? {};
  }
  return schema;
}

/** A schema's type in words: "text (uuid)", "list of text", "one of: open, closed", "number or nothing". */
export function typeInWords(schema: JsonSchema, components: Record<string, JsonSchema> = {}): string {
  const resolved = resolve(schema, components);
  if (Array.isArray(resolved.enum)) return `one of: ${resolved.enum.map(String).join(', ')}`;
  if ('const' in resolved) return `always ${String(resolved.const)}`;
  const alternatives = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) {
    return [...new Set(alternatives.map((alternative) => typeInWords(alternative, components)))].join(' or ');
  }
  const types = Array.isArray(resolved.type) ? (resolved.type as string[]) : [resolved.type];
  const words = types.map((type) => {
    switch (type) {
      case 'string':
        return typeof resolved.format === 'string' ? `text (${resolved.format})` : 'text';
      case 'integer':
        return 'whole number';
      case 'number':
        return 'number';
      case 'boolean':
        return 'true or false';
      case 'null':
        return 'nothing';
      case 'array':
        return resolved.items ? `list of ${typeInWords(resolved.items as JsonSchema, components)}` : 'list';
      case 'object':
        return 'object';
      default:
        return 'any value';
    }
  });
  return words.join(' or ');
}

/** The fields of an object schema, nested objects as `unit.name` and lists of objects as `units[].name`. */
export function fieldsOf(
  schema: JsonSchema | undefined,
  components: Record<string, JsonSchema> = {},
  prefix = '',
  depth = 0,
): FieldRow[] {
  if (!schema || depth > maxDepth) return [];
  const resolved = resolve(schema, components);
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, property]) => {
    const field = resolve(property, components);
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      name: path,
      type: typeInWords(field, components),
      required: required.has(name),
      description: typeof field.description === 'string' ? field.description : '',
    };
    const items = field.items ? resolve(field.items as JsonSchema, components) : undefined;
    const nested = field.properties
      ? fieldsOf(field, components, `${path}.`, depth + 1)
      : items?.properties
        ? fieldsOf(items, components, `${path}[].`, depth + 1)
        : [];
    return [row, ...nested];
  });
}

const fieldTable = (rows: FieldRow[]) =>
  rows.map((row) => [
    { text: row.name, classes: 'heard-monospace' },
    { text: row.type },
    { text: row.required ? 'Yes' : 'No' },
    { text: row.description },
  ]);

function operationModel(
  method: string,
  path: string,
  operation: OpenApiOperation,
  document: OpenApiDocument,
) {
  const components = document.components.schemas;
  const [status, success] = Object.entries(operation.responses)[0] ?? [];
  const successSchema = (
    success as { content?: { 'application/json'?: { schema?: JsonSchema } } } | undefined
  )?.content?.['application/json']?.schema;
  const responseSchema = successSchema ? resolve(successSchema, components) : undefined;
  const listItems =
    responseSchema?.type === 'array' ? (responseSchema.items as JsonSchema | undefined) : undefined;
  return {
    id: operation.operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary,
    permission: operation['x-permission'],
    parameters: (operation.parameters ?? []).map((parameter) => [
      { text: parameter.name, classes: 'heard-monospace' },
      { text: parameter.in === 'path' ? 'path' : 'query' },
      { text: typeInWords(parameter.schema, components) },
      { text: parameter.required ? 'Yes' : 'No' },
      { text: parameter.description ?? '' },
    ]),
    requestFields: fieldTable(
      fieldsOf(operation.requestBody?.content['application/json'].schema, components),
    ),
    successStatus: status ?? '200',
    responseIsList: Boolean(listItems),
    responseFields: fieldTable(fieldsOf(listItems ?? responseSchema, components)),
  };
}

/** The API documentation page: every operation, grouped by tag, in words. */
export function apiDocsModel(document: OpenApiDocument) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      tag: operation.tags[0] ?? 'Other',
      method,
      path,
      operation,
    })),
  );
  const tags = [...new Set(operations.map((entry) => entry.tag))].sort((a, b) => a.localeCompare(b));
  return {
    pageTitle: 'API documentation',
    openApiHref: '/api/v1/openapi.json',
    problemStatuses: Object.entries(document.components.responses).map(([name, response]) => ({
      key: { text: name.replace('Problem', '') },
      value: { text: (response as { description: string }).description },
    })),
    contents: operations.map((entry) => ({
      href: `#${entry.operation.operationId}`,
      text: `${entry.method.toUpperCase()} ${entry.path}`,
    })),
    groups: tags.map((tag) => ({
      tag,
      operations: operations
        .filter((entry) => entry.tag === tag)
        .map((entry) => operationModel(entry.method, entry.path, entry.operation, document)),
    })),
  };
}
