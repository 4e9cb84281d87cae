import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Loupe</title>
<style>html,body{margin:0;background:#f6f5f2;color:#1d1d1f;font-family:system-ui,"WenQuanYi Micro Hei",sans-serif}</style>
<script type="module" src="/assets/app.js"></script>
</head>
<body><loupe-app></loupe-app></body>
</html>
`;

const ASSETS: Readonly<Record<string, string>> = { 'app.js': 'text/javascript; charset=utf-8' };

/** The one HTML page (for rater, admin and coordinator links) and the bundled client; nothing study-specific in either. */
export function staticRoutes(assetsDir: string) {
  return new Hono()
    .get('/r/:token', (c) => c.html(PAGE))
    .get('/admin/:token', (c) => c.html(PAGE))
    .get('/coordinator/:token', (c) => c.html(PAGE))
    .get('/assets/:name', async (c) => {
      const name = c.req.param('name');
      const type = ASSETS[name];
      if (!type) throw new HTTPException(404, { message: 'not found' });
      return c.body(await readFile(join(assetsDir, name)), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    });
}
