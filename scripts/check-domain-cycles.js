#!/usr/bin/env node
// Fails when one domain imports another except through its index.ts, or when domains import each other in a cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const domainsRoot = 'src/domains';
const domains = readdirSync(domainsRoot).filter((name) => statSync(join(domainsRoot, name)).isDirectory());
const problems = [];
const edges = new Map(domains.map((d) => [d, new Set()]));

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

for (const domain of domains) {
  for (const file of sourceFiles(join(domainsRoot, domain))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from '#src\/domains\/([^/']+)\/([^']+)'/g)) {
      const [, target, path] = match;
      if (target === domain) continue;
      // Schemas may be referenced for foreign keys; everything else goes through index.ts.
      if (path !== 'index.ts' && path !== 'schema.ts' && !file.endsWith('.test.ts')) {
        problems.push(`${relative('.', file)} imports ${target}/${path}: use ${target}/index.ts`);
      }
      // A schema naming another's table for a foreign key is one database, not a call: it makes no edge.
      if (!file.endsWith('.test.ts') && path !== 'schema.ts') edges.get(domain)?.add(target);
    }
  }
}

// Outside the domains, code reaches a domain through its index.ts (or its schema.ts, for tables);
// only the composition root, src/app.ts, mounts each domain's routes.ts.
for (const file of sourceFiles('src')) {
  if (file.startsWith(domainsRoot)) continue;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/from '(?:#src|\.)\/domains\/([^/']+)\/([^']+)'/g)) {
    const [, target, path] = match;
    const allowed =
      path === 'index.ts' || path === 'schema.ts' || (file === 'src/app.ts' && path === 'routes.ts');
    if (!allowed) problems.push(`${relative('.', file)} imports ${target}/${path}: use ${target}/index.ts`);
  }
}

const visiting = new Set();
const done = new Set();
function visit(domain, path) {
  if (done.has(domain)) return;
  if (visiting.has(domain)) {
    problems.push(`import cycle between domains: ${[...path, domain].join(' -> ')}`);
    return;
  }
  visiting.add(domain);
  for (const next of edges.get(domain) ?? []) visit(next, [...path, domain]);
  visiting.delete(domain);
  done.add(domain);
}
for (const domain of domains) visit(domain, []);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`Domain imports are one-way across ${domains.length} domains.`);
