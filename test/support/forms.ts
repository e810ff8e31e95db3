/** The links in a page's error summary ("There is a problem"), as a person reads them. */
export function errorSummaryLinks(html: string): { href: string; text: string }[] {
  const summary = /<div class="nhsuk-error-summary[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((link) => ({
    href: link[1] ?? '',
    text: (link[2] ?? '').replace(/\s+/g, ' ').trim(),
  }));
}
