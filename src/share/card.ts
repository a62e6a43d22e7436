// Share images: a 1200×630 PNG card drawn from plain text (satori lays it out with the
// shipped Noto Sans font, resvg rasterizes it). Social platforms do not accept SVG.
import { Resvg } from '@resvg/resvg-js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import satori from 'satori';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface ShareCard {
  /** Small line above the title: the site, or the election. */
  kicker: string;
  title: string;
  /** A few short facts, one per line. */
  lines: string[];
  /** The outcome, when decided: drawn as a highlighted line. */
  highlight?: string;
  footer: string;
}

const require = createRequire(import.meta.url);

let fonts:
  Promise<{ name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[]> | undefined;

function loadFonts() {
  fonts ??= Promise.all(
    ([400, 700] as const).map(async (weight) => ({
      name: 'Noto Sans',
      weight,
      style: 'normal' as const,
      data: await readFile(
        require.resolve(`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`),
      ),
    })),
  );
  return fonts;
}

type Node = {
  type: string;
  props: { style?: Record<string, unknown>; children?: (Node | string)[] | Node | string };
};

const el = (
  type: string,
  style: Record<string, unknown>,
  children?: Node['props']['children'],
): Node => ({
  type,
  props: { style, children },
});

/**
 * The most of each text a card can show (its lines at their font sizes; more would be cut off
 * at the card's edge anyway). Past it, satori's line breaking grows with the square of an
 * unbroken line's length: 40,000 characters took seconds and gigabytes, in a thread that
 * cannot be stopped while it runs.
 */
export const CARD_LIMITS = {
  kicker: 80,
  title: 120,
  line: 90,
  lines: 6,
  highlight: 80,
  footer: 80,
};

/** A text cut to `max` characters (code points), ending with an ellipsis when it was cut. */
function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** The card with every text within what the card can show. */
export function fitted(card: ShareCard): ShareCard {
  return {
    kicker: clipped(card.kicker, CARD_LIMITS.kicker),
    title: clipped(card.title, CARD_LIMITS.title),
    lines: card.lines.slice(0, CARD_LIMITS.lines).map((line) => clipped(line, CARD_LIMITS.line)),
    ...(card.highlight !== undefined
      ? { highlight: clipped(card.highlight, CARD_LIMITS.highlight) }
      : {}),
    footer: clipped(card.footer, CARD_LIMITS.footer),
  };
}

/** The card as a PNG. Text is plain: satori never interprets it as markup. */
export async function renderShareCard(shown: ShareCard): Promise<Buffer> {
  const card = fitted(shown);
  const tree = el(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '64px 72px',
      boxSizing: 'border-box',
      background: '#0b2f57',
      color: '#ffffff',
      fontFamily: 'Noto Sans',
    },
    [
      el('div', { display: 'flex', flexDirection: 'column' }, [
        el('div', { fontSize: 30, color: '#b9d6f5', marginBottom: 20 }, card.kicker),
        el(
          'div',
          { fontSize: card.title.length > 48 ? 54 : 68, fontWeight: 700, lineHeight: 1.1 },
          card.title,
        ),
        el(
          'div',
          { display: 'flex', flexDirection: 'column', marginTop: 28 },
          card.lines.map((line) =>
            el('div', { fontSize: 32, color: '#e6eef7', marginTop: 6 }, line),
          ),
        ),
      ]),
      el('div', { display: 'flex', flexDirection: 'column' }, [
        ...(card.highlight
          ? [
              el(
                'div',
                {
                  fontSize: 34,
                  fontWeight: 700,
                  color: '#0b2f57',
                  background: '#ffd479',
                  padding: '10px 20px',
                  borderRadius: 8,
                  marginBottom: 24,
                  alignSelf: 'flex-start',
                },
                card.highlight,
              ),
            ]
          : []),
        el('div', { fontSize: 26, color: '#b9d6f5' }, card.footer),
      ]),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: await loadFonts(),
  });
  return new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH } }).render().asPng();
}
