/**
 * An OpenAPI document for a test: the two header lines every lint and diff
 * test would otherwise retype, then the YAML body the test is about. The
 * header is always two lines, so line N of the body is line N + 2 of the
 * document (rule tests assert the line a problem is reported on).
 *
 *   openapi(`paths:\n  /things: ...`)                       // 3.1.0, title T, version 1.0.0
 *   openapi(`paths: {}`, { openapi: '3.0.3' })
 */
export function openapi(body: string, header: { openapi?: string; info?: string } = {}): string {
  return `openapi: ${header.openapi ?? '3.1.0'}\ninfo: ${header.info ?? '{ title: T, version: 1.0.0 }'}\n${body}`;
}
