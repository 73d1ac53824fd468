/**
 * Per version: the blueprint as reviewed (/vN/openapi.json, /vN/openapi.yaml)
 * and an interactive docs page (/vN/docs, Swagger UI served from this service:
 * no CDN, and a Content-Security-Policy that allows nothing else).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type SendModule from '@fastify/send';
import type { FastifyInstance } from 'fastify';
import { clientDetail, sendProblem } from './errors.js';
import { projectRoot } from './project-root.js';
import type { VersionModule } from './version-module.js';

const ASSETS_PREFIX = '/docs-assets/';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'";

/** The files of swagger-ui-dist the docs page uses: one path segment each, so nothing outside its folder is named. */
const ASSET = /^(swagger-ui[\w.-]*\.(js|css)|favicon-\d+x\d+\.png)$/;

/**
 * Swagger UI's files, once for all versions, sent by @fastify/send (ETag,
 * Last-Modified, conditional and range requests), which is loaded when the
 * first one is asked for: @fastify/static, which serves with it, loaded glob
 * and a dozen more modules at every start, a fortieth of a second of it.
 */
export function registerDocsAssets(app: FastifyInstance): void {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  let sender: Promise<typeof SendModule> | undefined;
  app.get(`${ASSETS_PREFIX}:file`, { config: { platform: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    // Any other name, a climb out of the folder (`..`) among them, is an address where nothing is.
    if (!ASSET.test(file)) return sendProblem(reply, 404, clientDetail(404));
    sender ??= import('@fastify/send').then((module) => module.default);
    const send = await sender;
    const sent = await send(request.raw, `/${file}`, { root, index: false, dotfiles: 'deny' });
    if (sent.type === 'error' && sent.statusCode >= 500) throw sent.metadata.error;
    // A range that does not fit the file (416, with its Content-Range) or a failed If-Match (412) is answered as such.
    if (sent.type === 'error' && (sent.statusCode === 416 || sent.statusCode === 412)) {
      const range = sent.headers['Content-Range'];
      if (range !== undefined) reply.header('content-range', range);
      return sendProblem(reply, sent.statusCode, clientDetail(sent.statusCode));
    }
    if (sent.type !== 'file') return sendProblem(reply, 404, clientDetail(404));
    return reply.code(sent.statusCode).headers(sent.headers).send(sent.stream);
  });
}

export function registerVersionDocs(scope: FastifyInstance, version: VersionModule): void {
  const file = path.join(projectRoot, version.blueprintFile);
  // A missing blueprint stops the start, as before; its text is read when first asked for (GitHub's is 5.7 MB: a
  // few hundredths of a second of every start, for an endpoint most instances serve rarely).
  statSync(file);
  let text: Promise<string> | undefined;
  const blueprintText = () => (text ??= readFile(file, 'utf8'));
  const isYaml = version.blueprintFile.endsWith('.yaml');
  // The other format is made on first request (the yaml library loaded then, not at every start): most services never need it.
  let json: string | undefined;
  let yaml: string | undefined;
  const hidden = { config: { platform: true } };

  scope.get('/openapi.json', hidden, async (_request, reply) => {
    json ??= isYaml ? JSON.stringify((await import('yaml')).parse(await blueprintText(), { maxAliasCount: 100 })) : await blueprintText();
    return reply.type('application/json; charset=utf-8').send(json);
  });
  scope.get('/openapi.yaml', hidden, async (_request, reply) => {
    yaml ??= isYaml ? await blueprintText() : (await import('yaml')).stringify(JSON.parse(await blueprintText()), { aliasDuplicateObjects: false, lineWidth: 0 });
    return reply.type('application/yaml; charset=utf-8').send(yaml);
  });
  scope.get('/docs', hidden, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(docsPage(version)),
  );
  scope.get('/docs/init.js', hidden, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('content-security-policy', CSP).send(initScript(version)),
  );
}

function escapeHtml(text: string): string {
  // Bidi controls (Trojan Source) would reorder what the page shows: they are dropped, like design-first does.
  return text.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '').replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function docsPage(version: VersionModule): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(version.title)} ${escapeHtml(version.key)}</title>
<link rel="stylesheet" href="${ASSETS_PREFIX}swagger-ui.css">
<link rel="icon" href="${ASSETS_PREFIX}favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ASSETS_PREFIX}swagger-ui-bundle.js"></script>
<script src="${version.prefix}/docs/init.js"></script>
</body>
</html>`;
}

function initScript(version: VersionModule): string {
  // JSON.stringify plus `<` escaping: the URL and prefix are data, never code.
  const url = JSON.stringify(`${version.prefix}/openapi.json`).replace(/</g, '\\u003c');
  const prefix = JSON.stringify(version.prefix).replace(/</g, '\\u003c');
  // "Try it out" calls this service first; the blueprint's own servers stay listed (and the CSP keeps the page here).
  return `fetch(${url}).then((answer) => answer.json()).then((spec) => {
  spec.servers = [{ url: ${prefix}, description: 'This service' }, ...(spec.servers || [])];
  window.ui = SwaggerUIBundle({ spec, dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true });
});\n`;
}
