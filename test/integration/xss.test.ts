// More than fifty known XSS vectors, put into every kind of content field and into Markdown
// bodies: nothing executable comes out, in pages, JSON-LD, the feed, the sitemap or the API.
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import { executable } from '../support/executable.js';
import { cleanUp, copySite, editFile } from '../support/fixtures.js';

afterAll(cleanUp);

export const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<a onmouseover="alert(document.cookie)">xxs link</a>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC= onmouseover="alert(\'xxs\')">',
  '<IMG onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  '<IMG SRC="jav\tascript:alert(\'XSS\');">',
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
  '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">',
  '<SCRIPT/XSS SRC="https://evil.example/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<SCRIPT SRC=//evil.example/.j>',
  '<IMG SRC="`<javascript:alert>`(\'XSS\')"',
  '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
  '<BODY BACKGROUND="javascript:alert(\'XSS\')">',
  '<IMG DYNSRC="javascript:alert(\'XSS\')">',
  "<svg/onload=alert('XSS')>",
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java&#0000115cript:alert(1)">x</a>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<div style="background-image: url(javascript:alert(1))">x</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<isindex type=image src=1 onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><script>alert(1)</script>",
  '</script><script>alert(1)</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '![x](javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '<%= process.exit() %>',
  '\u2028</script><script>alert(1)</script>',
];

async function hostileSite(vectors: string[]): Promise<string> {
  const dir = await copySite();
  const value = vectors.join(' ');
  const edit = (file: string, change: (text: string) => string) => editFile(dir, file, change);
  // A JSON string is a one-line YAML double-quoted scalar.
  const y = (v: string) => JSON.stringify(v);
  await edit('elections/sample-2024/candidates/ana-lima.md', (t) =>
    t
      .replace('name: Ana Lima', `name: ${y(`Ana ${value}`)}`)
      .replace(
        'summary: Diplomat from Exampleland.',
        `summary: ${y(value)}\nfullName: ${y(value)}\npositions:\n  - topic: ${y(value)}\n    summary: ${y(value)}\n    quotes:\n      - text: ${y(value)}\n        context: ${y(value)}\n        date: 2024-01\n        source: union-release`,
      )
      .replace('nationality: Exampleland', `nationality: ${y(value)}`)
      .replace('  - title: Ambassador', `  - title: ${y(value)}\n    organization: ${y(value)}`)
      .replace('Ana Lima is a diplomat.', `${value}\n\n${vectors.join('\n\n')}`),
  );
  await edit('elections/sample-2024/election.yaml', (t) =>
    t
      .replace(
        'title: The 2024 election of the Sample Union Secretary General',
        `title: ${y(value)}`,
      )
      .replace(
        'description: How the Sample Union chose its Secretary General.',
        `description: ${y(value)}\noverview: ${y(`${value}\n\n${vectors.join('\n\n')}`)}`,
      )
      .replace('    title: The vote', `    title: ${y(value)}\n    detail: ${y(value)}`)
      .replace('title: Lima wins in the first round', `title: ${y(value)}\n    note: ${y(value)}`)
      .replace('publisher: Wire Agency', `publisher: ${y(value)}`)
      .replace('        outcome: elected', `        outcome: elected\n        note: ${y(value)}`)
      .replace('  description: Secret ballot.', `  description: ${y(value)}`),
  );
  await edit('elections/sample-2024/articles/how-it-works.md', (t) =>
    t
      .replace('title: How it works', `title: ${y(value)}`)
      .replace('description: The rule, step by step.', `description: ${y(value)}`)
      .replace('## The rule', `## ${value}\n\n${vectors.join('\n\n')}\n\n## The rule`),
  );
  // Raw HTML in a body can swallow the headings after it; links to those sections would then
  // (rightly) fail the check, so the copy links to pages only.
  await edit('elections/sample-2024/candidates/ben-okoro.md', (t) => t.replace('#the-rule', ''));
  await edit('elections/sample-2024/articles/how-it-works.md', (t) => t.replace('#career', ''));
  await edit('pages/about.md', (t) =>
    t
      .replace('title: About', `title: ${y(value)}`)
      .replace('## Contact', `${vectors.join('\n\n')}\n\n## Contact`),
  );
  await edit('site.yaml', (t) =>
    t.replace('tagline: A small site for tests.', `tagline: ${y(value)}`),
  );
  return dir;
}

describe('the checker', () => {
  it('finds what a browser would run', () => {
    expect(executable('<p>ok</p><script>alert(1)</script>')).toHaveLength(1);
    expect(executable('<img src=x onerror=alert(1)>')).toHaveLength(1);
    expect(executable('<a href=" java\tscript:alert(1)">x</a>')).toHaveLength(1);
    expect(executable('<iframe src="https://example.org"></iframe>')).toHaveLength(1);
    expect(
      executable('<script type="application/ld+json">{"a":"</script>"}</script>').length,
    ).toBeGreaterThan(0);
    expect(executable('<p title="&lt;script&gt;onerror=alert(1)">text &lt;script&gt;</p>')).toEqual(
      [],
    );
  });
});

describe('XSS vectors through every field', () => {
  it(`there are at least 50 (${VECTORS.length})`, () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(50);
  });

  const batches = [VECTORS.slice(0, 22), VECTORS.slice(22, 44), VECTORS.slice(44)];
  it.each(batches.map((b, i) => [i + 1, b] as const))(
    'batch %i: nothing executable anywhere',
    async (_n, vectors) => {
      const { app, holder } = await appFor(await hostileSite(vectors));
      const content = holder.current;
      const findings: string[] = [];
      for (const url of content.routes.keys()) {
        const res = await request(app).get(url).expect(200);
        for (const f of executable(res.text)) findings.push(`${url}: ${f}`);
        const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text)![1]!;
        expect(ld).not.toMatch(/<\/?script/i);
        expect(() => JSON.parse(ld) as unknown, url).not.toThrow();
      }
      const parser = new XMLParser();
      for (const url of ['/feed.xml', '/sitemap.xml']) {
        const res = await request(app).get(url).expect(200);
        expect(() => parser.parse(res.text, true) as unknown, url).not.toThrow();
        expect(res.text).not.toMatch(/<script/i);
      }
      for (const url of [
        '/api/elections',
        '/api/elections/sample-2024',
        '/api/elections/sample-2024/candidates/ana-lima',
      ]) {
        const res = await request(app)
          .get(url)
          .expect(200)
          .expect('Content-Type', 'application/json; charset=utf-8')
          .expect('X-Content-Type-Options', 'nosniff');
        const body = res.body as { overviewHtml?: string; biographyHtml?: string };
        for (const html of [body.overviewHtml, body.biographyHtml])
          if (html) for (const f of executable(html)) findings.push(`${url}: ${f}`);
      }
      expect(findings).toEqual([]);
    },
  );
});
