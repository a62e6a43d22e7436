// The nginx configuration written with a static export: canonical URLs answer 200 (no
// redirect to a trailing slash), old paths 301, the API from its .json files, and cache
// lifetimes like the Node server's. Included in a `server` block; `root` is the export.
import type { Content } from '../src/content/model.js';
import { IMMUTABLE, SHORT } from '../src/http/assets.js';
import { LIVE_CACHE_CONTROL, PAGE_CACHE_CONTROL } from '../src/http/live.js';
import { DEFAULT_LANG, LANGS } from '../src/i18n/lang.js';
import { urls } from '../src/urls.js';
import { exportRedirects, notFoundFile } from './export-plan.js';

/** Paths written into the config as they are: nothing nginx would read as syntax or variables. */
const SAFE_PATH = /^\/[a-z0-9\-._~/]*$/;
/** A redirect's target may also name a section (`/x/#candidates`); it is written quoted. */
const SAFE_TARGET = /^\/[a-z0-9\-._~/]*(#[a-z0-9\-._~]+)?$/;

export const NGINX_FILE = 'nginx-site.conf';

export function nginxSite(content: Content, root: string): { config: string; skipped: string[] } {
  const skipped: string[] = [];
  const redirects: string[] = [];
  for (const [from, to] of exportRedirects(content)) {
    if (SAFE_PATH.test(from) && SAFE_TARGET.test(to)) {
      redirects.push(`location = ${from} { return 301 "${to}"; }`);
    } else skipped.push(from);
  }
  const config = `# nginx: serves this static export with the site's canonical URLs.
# Use it inside a server block:
#   server { listen 80; server_name example.org; include ${root}/${NGINX_FILE}; }
# If the export moves, change root below.
root ${root};
index index.html;
absolute_redirect off;
charset utf-8;
charset_types text/html text/plain text/xml text/css application/json application/atom+xml application/xml;
error_page 404 /404.html;

# Pages: /x/results is results.html (200); folders like /x/ keep their index.html, and
# /x (a folder without its slash) answers 301 to /x/ as the Node server does.
location / {
  try_files $uri $uri.html $uri/ =404;
  add_header Cache-Control "${PAGE_CACHE_CONTROL}";
}
# A page asked for with a trailing slash it does not have: 301 to its canonical URL.
location ~ ^(?<page>/.+[^/])/$ {
  if (-f $document_root$page.html) { return 301 $page; }
  add_header Cache-Control "${PAGE_CACHE_CONTROL}";
}
# Each language's pages, with its own 404 page.
${LANGS.filter((lang) => lang !== DEFAULT_LANG)
  .map(
    (lang) => `location ${urls.home(lang)} {
  error_page 404 /${notFoundFile(lang)};
  try_files $uri $uri.html $uri/ =404;
  add_header Cache-Control "${PAGE_CACHE_CONTROL}";
}`,
  )
  .join('\n')}
# The API in every language: /api/…, /fr/api/…, /es/api/….
location ~ ^/((${LANGS.filter((lang) => lang !== DEFAULT_LANG).join('|')})/)?api/ {
  try_files $uri.json $uri =404;
  add_header Cache-Control "${PAGE_CACHE_CONTROL}";
  add_header Access-Control-Allow-Origin "*";
}
# The live channel's version documents: polled every second by open pages.
location ~ ^/[a-z0-9-]+/live\\.json$ {
  add_header Cache-Control "${LIVE_CACHE_CONTROL}";
  add_header Access-Control-Allow-Origin "*";
}
location ~ "^/assets/.+\\.[0-9a-f]{10}\\.[a-z0-9]+$" {
  add_header Cache-Control "${IMMUTABLE}";
}
location /assets/ {
  add_header Cache-Control "${SHORT}";
}
# The export's own set-up files are not part of the site.
location ~ ^/(_headers|_redirects|${NGINX_FILE.replace('.', '\\.')})$ {
  return 404;
}
${redirects.join('\n')}
`;
  return { config, skipped };
}
