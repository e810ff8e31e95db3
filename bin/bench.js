#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmark (bench/run.ts) through tsx, as bin/heard.js runs Heard.
import { register } from 'tsx/esm/api';

register();
await import('../bench/run.ts');
