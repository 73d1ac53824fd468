/**
 * Reading the files a blueprint is made of, under its rules: local files stay
 * inside the blueprint's folder, remote documents only when the user allows
 * them and never from private or loopback addresses (SSRF), `file:` never.
 */
import { lookup } from 'node:dns/promises';
import { readFile, realpath, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { DesignFirstError, type SourcePlace } from '../errors.js';
import { decodeText, MAX_BLUEPRINT_BYTES, parseSource, type BlueprintSource } from './source.js';

export interface FetchRules {
  /** Absolute, real path of the folder every local file must stay inside. */
  rootFolder: string;
  allowRemoteRefs: boolean;
}

export function displayNameOf(file: string): string {
  if (/^https?:/.test(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Read and parse the root blueprint the user named. */
export async function readRootSource(file: string): Promise<BlueprintSource> {
  const absolute = path.resolve(file);
  const displayName = displayNameOf(absolute);
  let bytes: Buffer;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) {
      throw new DesignFirstError('DF_ERR_LOAD_READ', 'is a folder, not a blueprint file', { file: displayName });
    }
    if (info.size > MAX_BLUEPRINT_BYTES) {
      throw new DesignFirstError('DF_ERR_LOAD_TOO_LARGE', `${info.size} bytes is too large`, { file: displayName });
    }
    bytes = await readFile(absolute);
  } catch (error) {
    throw asReadError(error, displayName, {});
  }
  return parseSource(await realpath(absolute), displayName, decodeText(bytes, displayName));
}

/**
 * Resolve a $ref's document part (`other.yaml`, `https://…`) against the file it
 * appears in, enforce the rules, and return the absolute location.
 */
export function resolveRefTarget(reference: string, fromFile: string, rules: FetchRules, place: SourcePlace): string {
  if (/^file:/i.test(reference)) {
    throw new DesignFirstError('DF_ERR_REF_OUTSIDE', `file: URL $ref "${reference}" is refused`, place);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) && !/^[a-z]:[\\/]/i.test(reference)) {
    if (!/^https?:/i.test(reference)) {
      throw new DesignFirstError('DF_ERR_REF_REMOTE', `$ref "${reference}" uses an unsupported scheme`, place);
    }
    if (!rules.allowRemoteRefs) {
      throw new DesignFirstError('DF_ERR_REF_REMOTE', `remote $ref "${reference}" is refused`, place);
    }
    return new URL(reference).href;
  }
  if (/^https?:/.test(fromFile)) return new URL(reference, fromFile).href;
  if (path.isAbsolute(reference)) {
    throw new DesignFirstError('DF_ERR_REF_OUTSIDE', `absolute $ref "${reference}" is refused`, place);
  }
  const target = path.resolve(path.dirname(fromFile), decodeURIComponent(reference));
  if (!isInside(target, rules.rootFolder)) {
    throw new DesignFirstError('DF_ERR_REF_OUTSIDE', `$ref "${reference}" leaves the blueprint's folder`, place);
  }
  return target;
}

/** Read and parse a referenced document (local or, when allowed, remote). */
export async function readReferencedSource(target: string, rules: FetchRules, place: SourcePlace): Promise<BlueprintSource> {
  const displayName = displayNameOf(target);
  if (/^https?:/.test(target)) {
    const text = await fetchRemote(target, place);
    return parseSource(target, displayName, text);
  }
  let bytes: Buffer;
  let real: string;
  try {
    real = await realpath(target);
    // A symbolic link may point outside the folder even when its own path does not.
    if (!isInside(real, rules.rootFolder)) {
      throw new DesignFirstError('DF_ERR_REF_OUTSIDE', `$ref target ${displayName} links outside the blueprint's folder`, place);
    }
    const info = await stat(real);
    if (info.size > MAX_BLUEPRINT_BYTES) {
      throw new DesignFirstError('DF_ERR_LOAD_TOO_LARGE', `${info.size} bytes is too large`, { file: displayName });
    }
    bytes = await readFile(real);
  } catch (error) {
    throw asReadError(error, displayName, place, true);
  }
  return parseSource(real, displayName, decodeText(bytes, displayName));
}

function isInside(target: string, folder: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function asReadError(error: unknown, displayName: string, place: SourcePlace, isRef = false): Error {
  if (error instanceof DesignFirstError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return isRef
      ? new DesignFirstError('DF_ERR_REF_MISSING_FILE', `$ref names ${displayName}, which does not exist`, place)
      : new DesignFirstError('DF_ERR_LOAD_NOT_FOUND', 'no such file', { file: displayName });
  }
  return new DesignFirstError('DF_ERR_LOAD_READ', `cannot read ${displayName} (${code ?? 'error'})`, isRef ? place : { file: displayName });
}

async function fetchRemote(url: string, place: SourcePlace): Promise<string> {
  const { hostname } = new URL(url);
  const bare = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true }).catch(() => [])).map((entry) => entry.address);
  if (addresses.length === 0) {
    throw new DesignFirstError('DF_ERR_REF_REMOTE', `cannot resolve host of remote $ref ${url}`, place);
  }
  if (addresses.some(isPrivateAddress)) {
    throw new DesignFirstError('DF_ERR_REF_PRIVATE_ADDRESS', `remote $ref ${url} names a private or local address`, place);
  }
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  if (!response?.ok) {
    throw new DesignFirstError('DF_ERR_REF_REMOTE', `cannot download remote $ref ${url}`, place);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return decodeText(bytes, url);
}

/** Loopback, private, link-local, unique-local and unspecified addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
  return lower === '::' || lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}
