#!/usr/bin/env node
// `npm run bench:reports`: runs the reports benchmark (bench/reports.ts) through tsx, as bin/bench.js runs the main one.
import { register } from 'tsx/esm/api';

register();
await import('../bench/reports.ts');
