import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';

// The case list's pages are read by keyset, not by offset: a page starts after the last case of
// the page before, in the list's order (newest received first, then by reference), so cases logged
// while an integration pages through are neither skipped nor read twice, and a deep page costs no
// more than the first.

/** The last case of a page: where the next one starts. */
export interface PagePosition {
  receivedDate: IsoDate;
  reference: string;
}

/** An opaque token for a page's position, safe in a query string. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.receivedDate, position.reference])).toString('base64url');
}

/** The position a cursor holds, or null when it is not one encodeCursor made. */
export function decodeCursor(cursor: string): PagePosition | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return null;
  const [receivedDate, reference] = decoded;
  if (typeof receivedDate !== 'string' || !isIsoDate(receivedDate)) return null;
  if (typeof reference !== 'string' || reference === '') return null;
  return { receivedDate, reference };
}

/**
 * One page from rows read one beyond the page size: the extra row only says that another page
 * follows, and the cursor points after the page's last row.
 */
export function pageOf<Row>(
  rowsAndOneMore: readonly Row[],
  pageSize: number,
  positionOf: (row: Row) => PagePosition,
): { rows: Row[]; nextCursor: string | null } {
  const rows = rowsAndOneMore.slice(0, pageSize);
  const last = rows.at(-1);
  return {
    rows,
    nextCursor:
      rowsAndOneMore.length > pageSize && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
