import { readFileSync } from 'node:fs';

const namesFile = new URL('../../../reference/uk-first-names.txt', import.meta.url);
let names: ReadonlySet<string> | undefined;

/** The first names that mark a person in a comment (reference/uk-first-names.txt), read once. */
export function commonFirstNames(): ReadonlySet<string> {
  names ??= new Set(
    readFileSync(namesFile, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  return names;
}
