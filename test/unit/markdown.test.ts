import { describe, expect, it } from 'vitest';
import {
  blockNesting,
  footnoteReferences,
  renderMarkdown,
  sanitize,
} from '../../src/markdown/render.js';

describe('headings', () => {
  it('get GitHub-style ids, de-duplicated, each linking to itself', () => {
    const { html, headings } = renderMarkdown(
      '## The rule\n\ntext\n\n## The rule\n\n### Who *votes*?',
    );
    expect(headings).toEqual([
      { level: 2, id: 'the-rule', text: 'The rule' },
      { level: 2, id: 'the-rule-1', text: 'The rule' },
      { level: 3, id: 'who-votes', text: 'Who votes?' },
    ]);
    expect(html).toContain(
      '<h2 id="the-rule">The rule <a class="heading-anchor" href="#the-rule"><span aria-hidden="true">#</span><span class="visually-hidden">Link to the section “The rule”</span></a></h2>',
    );
  });

  it('start afresh in each document', () => {
    renderMarkdown('## Same');
    expect(renderMarkdown('## Same').headings[0]?.id).toBe('same');
  });
});

describe('footnotes and citations', () => {
  it('render GFM footnotes as a numbered list with links back', () => {
    const { html, anchors } = renderMarkdown('Claim.[^a]\n\n[^a]: The note.');
    expect(html).toContain(
      '<a id="footnote-ref-a" href="#footnote-a" data-footnote-ref aria-describedby="footnote-label">1</a>',
    );
    expect(html).toContain('<li id="footnote-a">');
    expect(anchors).toEqual(
      expect.arrayContaining(['footnote-ref-a', 'footnote-a', 'footnote-label']),
    );
  });

  it('label the links back to the text with the note and the place, including what is visible', () => {
    const { html } = renderMarkdown('A[^a] b[^a]\n\n[^a]: Note A');
    expect(html).toContain(
      '<a href="#footnote-ref-a" data-footnote-backref><span aria-hidden="true">↩</span><span class="visually-hidden">Back to where note 1 is cited</span></a>',
    );
    expect(html).toContain(
      '<a href="#footnote-ref-a-2" data-footnote-backref><span aria-hidden="true">↩</span><span class="visually-hidden">Back to where note 1 is cited, place </span><sup>2</sup></a>',
    );
  });

  it('write the footnote of a cited source from the source list', () => {
    const { html, footnoteRefs } = renderMarkdown('Pope won.[^afp]', (id) =>
      id === 'afp' ? 'AFP, [Story](https://example.org/s), 15 May 2023.' : undefined,
    );
    expect(footnoteRefs).toEqual(['afp']);
    expect(html).toContain('AFP, <a href="https://example.org/s">Story</a>, 15 May 2023.');
  });

  it('collect every link for checking', () => {
    expect(renderMarkdown('[a](/x) and [b](https://example.org) and [c](#top)').links).toEqual([
      '/x',
      'https://example.org',
      '#top',
    ]);
  });
});

describe('sanitizing', () => {
  const cases: [string, string][] = [
    ['<script>alert(1)</script>Text', 'Text'],
    ['<img src="x.png" alt="x" onerror="alert(1)">', '<img src="x.png" alt="x" />'],
    ['<a href="javascript:alert(1)">click</a>', '<a>click</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['<iframe src="https://example.org"></iframe>', ''],
    ['<style>body{}</style>', ''],
    ['<p style="color:red" onclick="x()">Hi</p>', '<p>Hi</p>'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<a href="//evil.example/">x</a>', '<a>x</a>'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(sanitize(input).trim()).toBe(expected);
  });

  it('keeps what editors legitimately write', () => {
    const html = renderMarkdown(
      '**Bold** <abbr title="International Organization for Migration">IOM</abbr>\n\n| A | B |\n|---|---|\n| 1 | 2 |',
    ).html;
    expect(html).toContain(
      '<strong>Bold</strong> <abbr title="International Organization for Migration">IOM</abbr>',
    );
    expect(html).toContain('<table>');
  });

  it('never lets a script through a Markdown body', () => {
    const html = renderMarkdown(
      '# Hi <script>x</script>\n\n<div onmouseover="x()">a</div>\n\n[x](javascript:void(0))',
    ).html;
    expect(html).not.toMatch(/<script|onmouseover|javascript:/i);
  });
});

describe('footnote labels in hostile text', () => {
  it('reads "[^" × 100,000 in one pass (the label regex once backtracked for minutes)', () => {
    const text = `${'[^'.repeat(100_000)}[^union-release] and [^a[^b]`;
    expect(footnoteReferences(text)).toEqual(['union-release', 'b']);
  });
});

describe('block nesting', () => {
  it('counts quotes, list items and indentation', () => {
    expect(blockNesting('> > - quoted item', 40)).toBeUndefined();
    expect(blockNesting(`text\n${'>'.repeat(41)} deep`, 40)).toEqual({ depth: 41, line: 1 });
    expect(blockNesting(`${'- '.repeat(50)}x`, 40)).toEqual({ depth: 50, line: 0 });
    expect(blockNesting(`${' '.repeat(90)}- x`, 40)).toEqual({ depth: 46, line: 0 });
  });
});

describe('an edition in another language', () => {
  it('points internal links at its prefix (not the files every language shares) and words what it adds in its language', () => {
    const markdown =
      '## Les règles\n\nVoir [le vote](/x/how-it-works#the-rule), [l’accueil](/), [les données](/api/elections), [ailleurs](https://example.org/a) et [plus haut](#les-règles).[^a]\n\n| a |\n| - |\n| b |\n\n[^a]: Une note.';
    const { html, links, headings } = renderMarkdown(markdown, undefined, 0, {
      lang: 'fr',
      linkPrefix: '/fr',
    });
    // Links are recorded as written, for the checks against the URL table.
    expect(links).toEqual([
      '/x/how-it-works#the-rule',
      '/',
      '/api/elections',
      'https://example.org/a',
      '#les-règles',
    ]);
    expect([...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1])).toEqual([
      '/fr/x/how-it-works#the-rule',
      '/fr/',
      '/api/elections',
      'https://example.org/a',
      // marked writes the accent percent-encoded; browsers decode it to find the id.
      '#les-r%C3%A8gles',
    ]);
    expect(headings).toEqual([{ level: 2, id: 'les-règles', text: 'Les règles' }]);
    expect(html).toContain(
      '<span class="visually-hidden">Lien vers la section «\u00a0Les règles\u00a0»</span>',
    );
    expect(html).toContain('<h2 id="footnote-label" class="footnotes-title">Sources et notes</h2>');
    expect(html).toContain('<span class="visually-hidden">Retour à l’appel de la note 1</span>');
    expect(html).toContain('role="region" aria-label="Tableau" tabindex="0"');
    // English, rendered after, keeps its own words.
    expect(renderMarkdown('Text.[^a]\n\n[^a]: A note.').html).toContain('>Sources and notes</h2>');
  });
});
