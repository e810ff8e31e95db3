import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf } from './api-paging.ts';

const position = { receivedDate: '2017-07-03', reference: 'C-2017-00042' };

describe('the case list’s cursor', () => {
  it('gives back the position it was made from, and is safe in a query string', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['text that is not base64url JSON', 'not-a-cursor'],
    ['JSON of another shape', Buffer.from('{"receivedDate":"2017-07-03"}').toString('base64url')],
    ['a date that is not a real date', Buffer.from('["2017-02-30","C-2017-00001"]').toString('base64url')],
    ['an empty reference', Buffer.from('["2017-07-03",""]').toString('base64url')],
    ['nothing', ''],
  ])('is refused when it is %s', (_case, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('pageOf', () => {
  const rows = ['2017-07-05', '2017-07-04', '2017-07-03'].map((receivedDate, index) => ({
    receivedDate,
    reference: `C-2017-0000${index + 1}`,
  }));

  it('keeps a page of rows and points after its last when one more row was read', () => {
    const page = pageOf(rows, 2, (row) => row);
    expect(page.rows).toEqual(rows.slice(0, 2));
    expect(page.nextCursor && decodeCursor(page.nextCursor)).toEqual(rows[1]);
  });

  it('has no next page when no more rows were read than the page holds', () => {
    expect(pageOf(rows, 3, (row) => row)).toEqual({ rows, nextCursor: null });
    expect(pageOf([], 3, (row) => row)).toEqual({ rows: [], nextCursor: null });
  });
});
