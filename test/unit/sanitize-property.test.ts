// Property: whatever HTML an editor writes, the sanitizer's output carries no script,
// no event handler, no script URL and no element outside the allow-list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitize } from '../../src/markdown/render.js';
import { executable } from '../support/executable.js';

const tags = [
  'script',
  'img',
  'a',
  'svg',
  'iframe',
  'p',
  'div',
  'style',
  'object',
  'embed',
  'math',
  'table',
  'details',
  'video',
  'form',
  'input',
  'textarea',
  'noscript',
  'template',
  'h2',
  'span',
];
const attributes = [
  'onerror',
  'onload',
  'onclick',
  'OnMouseOver',
  'href',
  'src',
  'style',
  'srcdoc',
  'formaction',
  'xlink:href',
  'title',
  'class',
  'id',
  'data-x',
];
const values = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'alert(1)',
  'https://example.org',
  '#x',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
];

const fragment = fc.oneof(
  fc
    .record({
      tag: fc.constantFrom(...tags),
      attrs: fc.array(fc.tuple(fc.constantFrom(...attributes), fc.constantFrom(...values)), {
        maxLength: 3,
      }),
      close: fc.boolean(),
      body: fc.string({ maxLength: 10 }),
    })
    .map(
      ({ tag, attrs, close, body }) =>
        `<${tag}${attrs.map(([a, v]) => ` ${a}="${v}"`).join('')}>${body}${close ? `</${tag}>` : ''}`,
    ),
  fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '</', '<', '>', '"', "'", '&', '\u0000', '`'),
  fc.string({ maxLength: 20 }),
);
const html = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

describe('the sanitizer', () => {
  it('never lets anything executable through raw HTML', () => {
    fc.assert(
      fc.property(html, (input) => {
        expect(executable(sanitize(input))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets anything executable through a Markdown body', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            html,
            fc.constantFrom(
              '## ',
              '[x](',
              ')',
              '![y](',
              '\n\n',
              '[^a]',
              '[^a]: ',
              '| a |\n|---|\n| b |',
            ),
          ),
          { maxLength: 8 },
        ),
        (parts) => {
          expect(executable(renderMarkdown(parts.join('')).html)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
