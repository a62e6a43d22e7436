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
