// Follow every internal link from the home page, through the language switcher into every
// language: every page, file and section it points at exists, and every page names the same
// page in each language as its alternates, each of which names it back.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/i18n/lang.js';
import { inLanguage } from '../../src/urls.js';
import type { TestSite } from '../support/app.js';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import { withoutProse } from '../support/html.js';

const BASE = 'https://explainer.example';
const decode = (href: string): string => href.replace(/&amp;/g, '&');

interface Crawl {
  pages: Map<string, string>;
  files: Map<string, number>;
  links: [from: string, href: string][];
}

async function crawl({ app }: TestSite): Promise<Crawl> {
  const pages = new Map<string, string>();
  const files = new Map<string, number>();
  const queue = ['/'];
  const links: [from: string, href: string][] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (pages.has(path) || files.has(path)) continue;
    const res = await request(app).get(path);
    if (!String(res.headers['content-type']).startsWith('text/html')) {
      files.set(path, res.status);
      continue;
    }
    expect(res.status, path).toBe(200);
    pages.set(path, res.text);
    for (const match of res.text.matchAll(/(?:href|src)="([^"]+)"/g)) {
      const href = decode(match[1]!);
      if (!href.startsWith('/') && !href.startsWith('#')) continue;
      links.push([path, href]);
      const target = href.startsWith('#') ? path : href.split('#')[0]!;
      queue.push(target);
    }
  }
  return { pages, files, links };
}

describe('a crawl of the shipped site', () => {
  let site: TestSite;
  let result: Crawl;
  beforeAll(async () => {
    site = await appFor(shippedContent);
    result = await crawl(site);
  });

  it('finds no broken link or missing section, and reaches every page in every language', () => {
    const { pages, files, links } = result;
    const broken: string[] = [];
    for (const [path, status] of files) if (status !== 200) broken.push(`${path}: ${status}`);
    for (const [from, href] of links) {
      const [target = from, fragment] = href.startsWith('#')
        ? [from, href.slice(1)]
        : href.split('#');
      // A browser finds `#%C3%A9tape` at id="étape" (HTML: the fragment is percent-decoded).
      if (fragment && !pages.get(target)?.includes(`id="${decodeURIComponent(fragment)}"`))
        broken.push(`${from} → ${href}: no such section`);
    }
    expect(broken).toEqual([]);
    const routes = [...site.holder.current.routes.keys()];
    expect([...pages.keys()].sort()).toEqual(
      LANGS.flatMap((lang) => routes.map((path) => inLanguage(lang, path))).sort(),
    );
    // Pages link to assets under content-hashed names, and to the feed (one per language,
    // where the site has one per language).
    const [assets, feeds] = [
      [...files.keys()].filter((f) => f.startsWith('/assets/')),
      [...files.keys()].filter((f) => !f.startsWith('/assets/')),
    ];
    expect(assets.sort()).toEqual([
      expect.stringMatching(/^\/assets\/enhance\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^\/assets\/favicon\.[0-9a-f]{10}\.svg$/),
      expect.stringMatching(/^\/assets\/site\.[0-9a-f]{10}\.css$/),
    ]);
    expect(feeds).toContain('/feed.xml');
    for (const feed of feeds) expect(feed).toMatch(/^(\/fr|\/es)?\/feed\.xml$/);
  });

  it('links each page in one language only to pages in that language, but for the switcher and the original', () => {
    const strays: string[] = [];
    for (const [from, html] of result.pages) {
      const lang = /^\/(fr|es)\//.exec(from)?.[1] ?? 'en';
      // The switcher and the notice's link to the English page say which language they lead to.
      // (Links in Markdown bodies are the loader's: it points them at the edition's language.)
      const body = withoutProse(html).replace(/<a [^>]*hreflang="[^"]+"[^>]*>/g, '');
      for (const [, href] of body.matchAll(/<a [^>]*href="(\/[^"]*)"/g)) {
        const to = /^\/(fr|es)\//.exec(href!)?.[1] ?? 'en';
        if (to !== lang) strays.push(`${from} → ${href}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('gives every page a canonical link, alternates in English, French and Spanish and x-default, each naming the page back', () => {
    const problems: string[] = [];
    const alternatesOf = (html: string): Map<string, string> =>
      new Map(
        [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [
          m[1]!,
          m[2]!,
        ]),
      );
    for (const [path, html] of result.pages) {
      const self = BASE + path;
      if (!html.includes(`<link rel="canonical" href="${self}">`))
        problems.push(`${path}: no canonical link to itself`);
      const alternates = alternatesOf(html);
      expect([...alternates.keys()], path).toEqual(['en', 'fr', 'es', 'x-default']);
      expect(alternates.get('x-default'), path).toBe(alternates.get('en'));
      for (const [lang, href] of alternates) {
        const other = result.pages.get(href.slice(BASE.length));
        if (!other) problems.push(`${path}: ${lang} alternate ${href} was not crawled`);
        else if (alternatesOf(other).get(/^\/(fr|es)\//.exec(path)?.[1] ?? 'en') !== self)
          problems.push(`${path}: ${href} does not name it back`);
      }
    }
    expect(problems).toEqual([]);
  });
});
