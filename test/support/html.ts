// Reading HTML as a reader would: the visible text of a page or of one of its elements.

/** Visible text, with tags removed and white space folded, as a reader would read it. */
export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)])/g, '$1')
    .trim();
}

/**
 * The page's interface, without the content's own English prose (its Markdown bodies, with
 * their footnotes: the loader words those, and translates them with the content).
 */
export function withoutProse(html: string): string {
  const prose = /<div class="prose"[ >]/;
  let out = html;
  for (let start = out.search(prose); start >= 0;) {
    const tags = /<div\b|<\/div>/g;
    tags.lastIndex = start;
    let depth = 0;
    let end = out.length;
    for (let m = tags.exec(out); m; m = tags.exec(out)) {
      depth += m[0] === '</div>' ? -1 : 1;
      if (depth === 0) {
        end = tags.lastIndex;
        break;
      }
    }
    out = out.slice(0, start) + out.slice(end);
    start = out.search(prose);
  }
  return out;
}
