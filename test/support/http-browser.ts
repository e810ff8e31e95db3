/** A page the browser arrived at after following any redirects. */
export interface HttpPage {
  url: string;
  status: number;
  body: string;
  /** Where a redirect pointed, when following stopped at one. */
  location?: string;
}

/**
 * A small browser over real HTTP (fetch) for journeys that cross servers, such as single
 * sign-on: it keeps cookies per host and port, follows redirects by hand and submits forms.
 */
export class HttpBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  private jarFor(url: URL) {
    let jar = this.jars.get(url.host);
    if (!jar) {
      jar = new Map();
      this.jars.set(url.host, jar);
    }
    return jar;
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jarFor(target);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) this.remember(jar, cookie);
    return response;
  }

  /**
   * GETs a page, following redirects until one is not a redirect, or until `stopBefore`
   * says the next address is one the test wants to look at (or change) first.
   */
  async follow(url: string, options: { stopBefore?: (next: URL) => boolean } = {}): Promise<HttpPage> {
    let current = url;
    for (let hop = 0; hop < 20; hop += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, status: response.status, body: await response.text() };
      }
      await response.body?.cancel();
      const next = new URL(location, current);
      if (options.stopBefore?.(next))
        return { url: current, status: response.status, body: '', location: next.href };
      current = next.href;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** Submits the first form on the page with its hidden fields and `fields`, then follows where it leads. */
  async submitForm(
    page: HttpPage,
    fields: Record<string, string> = {},
    options: { stopBefore?: (next: URL) => boolean } = {},
  ): Promise<HttpPage> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form?.[1]) throw new Error(`no form on ${page.url}`);
    const action = new URL(form[1].replace(/&amp;/g, '&'), page.url).href;
    const body = new URLSearchParams();
    for (const hidden of (form[2] ?? '').matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(hidden[0])?.[1];
      const value = /value="([^"]*)"/.exec(hidden[0])?.[1] ?? '';
      if (name) body.set(name, value);
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const response = await this.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      return this.follow(new URL(location, action).href, options);
    }
    return { url: action, status: response.status, body: await response.text() };
  }

  private remember(jar: Map<string, string>, setCookie: string) {
    const [pair = '', ...attributes] = setCookie.split(';');
    const separator = pair.indexOf('=');
    if (separator < 1) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
      if (key.toLowerCase() === 'max-age') return Number(setting) <= 0;
      if (key.toLowerCase() === 'expires') return new Date(setting).getTime() <= Date.now();
      return false;
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}
