import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const nhsukDist = fileURLToPath(new URL('../../node_modules/nhsuk-frontend/dist/nhsuk', import.meta.url));
const ownAssets = fileURLToPath(new URL('./public', import.meta.url));

/** nhsuk-frontend's compiled CSS, JavaScript, images and our own small stylesheet. */
export async function assetRoutes(app: FastifyInstance) {
  await app.register(fastifyStatic, {
    root: [nhsukDist, ownAssets],
    prefix: '/assets/',
    maxAge: '1d',
    index: false,
    allowedPath: (path) => !path.includes('..') && !path.endsWith('.njk') && !path.endsWith('.scss'),
    constraints: {},
  });
}
