/**
 * The error `work` was refused with, failing the test unless it is of `kind`: for rules that must
 * refuse with a particular error (Invalid, Conflict, NotFound, Forbidden).
 */
export async function refusal<E extends Error>(
  kind: new (...args: never[]) => E,
  work: Promise<unknown>,
): Promise<E> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof kind)) throw new Error(`expected ${kind.name}, got ${String(error)}`);
  return error;
}
