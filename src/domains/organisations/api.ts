import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { defineApiOperation } from '#src/web/api.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { isoDateInLondon, isRetired } from './rules.ts';
import { unitKinds } from './schema.ts';
import { createUnit, getUnit, listUnits } from './service.ts';

// Fields named one by one, so that nothing else about a unit (its organisation id) leaks.
const unitSchema = z.object({
  unitId: z.string(),
  parentUnitId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  activeFrom: z.string().describe('First day open, YYYY-MM-DD'),
  activeTo: z.string().nullable().describe('Last day open, YYYY-MM-DD; null while it stays open'),
});

const unitIdParams = z.object({ unitId: z.string() });

export function unitApi(app: FastifyInstance, db: Database) {
  defineApiOperation(app, {
    method: 'GET',
    path: '/units',
    operationId: 'listUnits',
    summary: 'List the organisation’s units, open ones only unless includeRetired=true',
    tag: 'Units',
    permission: 'units:view',
    query: z.object({
      includeRetired: z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .optional()
        .transform((value) => value === 'true'),
    }),
    response: z.object({ units: z.array(unitSchema) }),
    handler: async ({ query }, request) => {
      const today = isoDateInLondon(new Date());
      const units = await listUnits(db, principalOf(request).orgId);
      return { units: units.filter((unit) => query.includeRetired || !isRetired(unit, today)) };
    },
  });

  defineApiOperation(app, {
    method: 'GET',
    path: '/units/:unitId',
    operationId: 'getUnit',
    summary: 'One unit',
    tag: 'Units',
    permission: 'units:view',
    params: unitIdParams,
    response: unitSchema,
    handler: async ({ params }, request) => getUnit(db, principalOf(request).orgId, params.unitId),
  });

  defineApiOperation(app, {
    method: 'POST',
    path: '/units',
    operationId: 'createUnit',
    summary: 'Add a unit, under the unit with parentCode if given',
    tag: 'Units',
    permission: 'units:manage',
    body: z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(unitKinds),
      parentCode: z.string().nullish(),
      activeFrom: z.string().optional().describe('YYYY-MM-DD; today if not given'),
      activeTo: z.string().nullish(),
    }),
    response: unitSchema,
    successStatus: 201,
    handler: async ({ body }, request) => {
      const principal = principalOf(request);
      return createUnit(db, principal.orgId, actorOf(principal, request.id), body);
    },
  });
}
