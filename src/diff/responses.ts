/**
 * Responses of an operation: statuses, then each kept response's media types
 * (see media.ts) and headers. A success status removed breaks clients; an
 * error status removed only means they handle a case that no longer comes.
 * In a webhook or callback the client answers: a status it may answer with
 * that is gone breaks it, and its answers are judged as requests.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { childPointer } from '../blueprint/pointer.js';
import { polarity, type DiffContext, type OperationPair } from './context.js';
import { toFinding } from './findings.js';
import { diffContent, type ContentRole } from './media.js';
import { asObject, code, entriesOf, own, type Located, type Side } from './side.js';

export function diffResponses(ctx: DiffContext, pair: OperationPair): void {
  const oldResponses = responsesOf(ctx.old, pair.oldOperation);
  const newResponses = responsesOf(ctx.new, pair.newOperation);
  const responsesPointer = (operation: Located) => `${operation.pointer}/responses`;
  const role: ContentRole = pair.reversed
    ? { subject: 'response', direction: 'request', negotiated: false }
    : { subject: 'response', direction: 'response', negotiated: true };
  for (const [status, oldResponse] of oldResponses) {
    const newResponse = newResponses.get(status);
    if (newResponse) {
      const where = `${pair.where} (${status})`;
      diffContent(ctx, role, where, oldResponse, newResponse, (mediaType) => `${pair.where} (${status} ${mediaType})`);
      diffHeaders(ctx, pair, where, oldResponse, newResponse);
      continue;
    }
    const success = isSuccess(status);
    ctx.log.add({
      id: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
      severity: polarity(pair, success ? 'breaking' : 'warning', 'breaking'),
      where: pair.where,
      what: pair.reversed
        ? `response ${status} was removed: clients that answer with it are no longer understood`
        : success
          ? `response ${status} was removed: clients expecting it get another status`
          : `response ${status} was removed: clients still handle a case that is no longer documented`,
      oldPointer: oldResponse.pointer,
      newPointer: responsesPointer(pair.newOperation),
    });
  }
  for (const [status, newResponse] of newResponses) {
    if (oldResponses.has(status)) continue;
    const success = isSuccess(status);
    ctx.log.add({
      id: success ? 'response-success-status-added' : 'response-non-success-status-added',
      severity: polarity(pair, success ? 'warning' : 'info', 'info'),
      where: pair.where,
      what: success && !pair.reversed ? `response ${status} was added: clients that only expect the others may not handle it` : `response ${status} was added`,
      oldPointer: responsesPointer(pair.oldOperation),
      newPointer: newResponse.pointer,
    });
  }
}

/** 1xx, 2xx and 3xx (and their `2XX` ranges); `default` usually describes errors. */
function isSuccess(status: string): boolean {
  return /^[123]/.test(status);
}

/** Status (upper-cased, so `2xx` and `2XX` match) -> the resolved response. */
function responsesOf(side: Side, operation: Located): Map<string, Located> {
  const responses = new Map<string, Located>();
  const base = `${operation.pointer}/responses`;
  for (const [status, node] of entriesOf(own(asObject(operation.node), 'responses'))) {
    if (status.startsWith('x-')) continue;
    responses.set(status.toUpperCase(), side.resolve(node, childPointer(base, status)));
  }
  return responses;
}

function diffHeaders(ctx: DiffContext, pair: OperationPair, where: string, oldResponse: Located, newResponse: Located): void {
  const oldHeaders = headersOf(ctx.old, oldResponse);
  const newHeaders = headersOf(ctx.new, newResponse);
  const required = (header: Located) => own(asObject(header.node), 'required') === true;
  for (const [key, oldHeader] of oldHeaders) {
    const label = `response header ${code(oldHeader.name)}`;
    const newHeader = newHeaders.get(key);
    if (!newHeader) {
      ctx.log.add({
        id: 'response-header-removed',
        severity: polarity(pair, required(oldHeader) ? 'breaking' : 'warning', 'warning'),
        where,
        what: pair.reversed ? `${label} was removed: what clients send in it is no longer read` : `${label} was removed: clients that read it get nothing`,
        oldPointer: oldHeader.pointer,
        newPointer: newResponse.pointer,
      });
      continue;
    }
    if (required(oldHeader) && !required(newHeader)) {
      ctx.log.add({
        id: 'response-header-became-optional',
        severity: polarity(pair, 'breaking', 'info'),
        where,
        what: `${label} became optional: clients that count on it may not get it`,
        oldPointer: oldHeader.pointer,
        newPointer: newHeader.pointer,
      });
    }
    const oldSchema = own(asObject(oldHeader.node), 'schema');
    const newSchema = own(asObject(newHeader.node), 'schema');
    if (oldSchema === undefined || newSchema === undefined) continue;
    const mode = { direction: pair.reversed ? 'request' : 'response', text: true } as const;
    const found = ctx.schemas.compare(mode, oldSchema, `${oldHeader.pointer}/schema`, newSchema, `${newHeader.pointer}/schema`);
    for (const finding of found) ctx.log.add(toFinding({ kind: 'header', label }, where, finding));
  }
  for (const [key, newHeader] of newHeaders) {
    if (oldHeaders.has(key)) continue;
    const demanded = pair.reversed && required(newHeader);
    ctx.log.add({
      id: 'response-header-added',
      severity: demanded ? 'breaking' : 'info',
      where,
      what: `${demanded ? 'required ' : ''}response header ${code(newHeader.name)} was added${demanded ? ': clients that answer without it are not understood' : ''}`,
      oldPointer: oldResponse.pointer,
      newPointer: newHeader.pointer,
    });
  }
}

/** Lower-cased name -> the resolved header (`Content-Type` is ignored, as the specification says). */
function headersOf(side: Side, response: Located): Map<string, Located & { name: string }> {
  const headers = new Map<string, Located & { name: string }>();
  const base = `${response.pointer}/headers`;
  for (const [name, node] of entriesOf(own(asObject(response.node), 'headers'))) {
    if (name.toLowerCase() === 'content-type') continue;
    headers.set(name.toLowerCase(), { ...side.resolve(node, childPointer(base, name)), name });
  }
  return headers;
}
