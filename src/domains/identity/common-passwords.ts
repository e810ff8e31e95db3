import { readFileSync } from 'node:fs';

/** The deny list ships as data so that a trust can add to it without changing code. */
export const commonPasswordsFile = new URL('../../../reference/common-passwords.txt', import.meta.url);

/** One password a line, compared in lower case; blank lines and lines starting # are ignored. */
export function parseCommonPasswords(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  );
}

let loaded: ReadonlySet<string> | undefined;

/** The deny list, read once. */
export function commonPasswords(): ReadonlySet<string> {
  loaded ??= parseCommonPasswords(readFileSync(commonPasswordsFile, 'utf8'));
  return loaded;
}
