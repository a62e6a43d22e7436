// What a browser would run in a piece of HTML, found with a real HTML parser.
import { Parser } from 'htmlparser2';

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'background',
  'dynsrc',
  'lowsrc',
  'poster',
  'srcdoc',
  'xlink:href',
]);
const FORBIDDEN_TAGS = new Set([
  'iframe',
  'object',
  'embed',
  'base',
  'form',
  'input',
  'button',
  'isindex',
  'style',
  'frame',
  'frameset',
  'applet',
  'math',
]);

/** What a browser would run: any script but ours, event handlers, script URLs, risky elements. */
/** Browsers ignore control characters and spaces inside a URL scheme ("java\tscript:"). */
function stripControls(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
}

export function executable(html: string): string[] {
  const found: string[] = [];
  let inScript: string | undefined;
  let scriptText = '';
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const tag = `<${name} ${JSON.stringify(attribs)}>`;
        if (name === 'script') {
          const ours =
            attribs.type === 'application/ld+json' ||
            /^\/assets\/(enhance|live)\.[0-9a-f]{10}\.js$/.test(attribs.src ?? '');
          if (!ours) found.push(tag);
          inScript = attribs.type ?? 'text/javascript';
        }
        if (name === 'meta' && attribs['http-equiv']) found.push(tag);
        if (
          name === 'link' &&
          attribs.rel !== 'stylesheet' &&
          attribs.rel !== 'icon' &&
          attribs.rel !== 'canonical' &&
          attribs.rel !== 'alternate'
        )
          found.push(tag);
        if (FORBIDDEN_TAGS.has(name)) found.push(tag);
        for (const [attribute, value] of Object.entries(attribs)) {
          if (attribute.startsWith('on')) found.push(tag);
          if (attribute === 'style') found.push(tag);
          if (
            URL_ATTRIBUTES.has(attribute) &&
            /^\s*(javascript|vbscript|data):/i.test(stripControls(value))
          )
            found.push(tag);
        }
      },
      ontext(text) {
        if (inScript !== undefined) scriptText += text;
      },
      onclosetag(name) {
        if (name !== 'script') return;
        // JSON-LD must be whole JSON up to its end tag: if content closed it early, it is not.
        if (inScript === 'application/ld+json') {
          try {
            JSON.parse(scriptText);
          } catch {
            found.push(`json-ld cut short: ${scriptText}`);
          }
        }
        inScript = undefined;
        scriptText = '';
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
