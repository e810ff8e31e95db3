import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

// OWASP's argon2id parameters for interactive sign-in: 19 MiB, 2 passes, 1 lane.
const argonOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, argonOptions);
}

export async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so that timing does not reveal which emails have accounts. */
let decoyHash: Promise<string> | undefined;
export async function spendTimeOfPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hashPassword('heard-decoy-password-for-timing');
  await passwordMatches(await decoyHash, password);
}

// No 0/o, 1/l/i: a generated password is read out or copied by hand.
const generatedAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of five groups of four (about 99 bits), easy to copy: "k7wq-3hzn-…". */
export function generatePassword(): string {
  const groups = Array.from({ length: 5 }, () =>
    Array.from({ length: 4 }, () => generatedAlphabet[randomInt(generatedAlphabet.length)]).join(''),
  );
  return groups.join('-');
}
