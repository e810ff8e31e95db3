import { HtmlValidate } from 'html-validate';

// The standard document rules; the few turned off are choices nhsuk-frontend's own markup makes
// (the same as test/html/pages.test.ts).
const validator = new HtmlValidate({
  extends: ['html-validate:document'],
  rules: {
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    // Our styles and scripts come from our own origin, which the CSP already pins; SRI guards third-party hosts.
    'require-sri': 'off',
    // The design system puts the error summary, whose heading is always an <h2>, above the page's <h1>.
    'heading-level': ['error', { minInitialRank: 'h2' }],
  },
});

/** Every way a rendered page is not valid HTML, one line each; empty when it is valid. */
export async function htmlProblemsIn(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId} line ${message.line}: ${message.message}`),
  );
}

/** The text a person sees: scripts and tags gone, entities read, spaces collapsed. */
export const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
