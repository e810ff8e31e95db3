/** The links in a page's error summary ("There is a problem"), as a person reads them. */
export function errorSummaryLinks(html: string): { href: string; text: string }[] {
  const summary = /<div class="nhsuk-error-summary[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((link) => ({
    href: link[1] ?? '',
    text: (link[2] ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

const entities: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** The value of a hidden field on the page, as a browser would send it back. */
export const hiddenValue = (html: string, name: string) =>
  (new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '').replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (_, entity: string) =>
      entity.startsWith('#x')
        ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
        : entity.startsWith('#')
          ? String.fromCodePoint(Number(entity.slice(1)))
          : (entities[entity] ?? `&${entity};`),
  );
