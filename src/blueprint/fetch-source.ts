/**
 * Reading the files a blueprint is made of, under its rules: local files stay
 * inside the blueprint's folder, remote documents only when the user allows
 * them and never from private or loopback addresses (SSRF), `file:` never.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFile, realpath, stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
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
    if (!info.isFile()) {
      // A folder, a named pipe or a device: reading it would fail or never end.
      throw new DesignFirstError('DF_ERR_LOAD_READ', `$ref names ${displayName}, which is not a regular file`, place);
    }
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

const REMOTE_TIMEOUT_MS = 10_000;

/**
 * Download a remote document. The host's addresses are checked when the
 * connection is made, through the `lookup` the socket itself uses, so a name
 * that resolves to a public address when checked and a private one when
 * connecting (DNS rebinding) is refused too. No redirects, a time limit, and
 * at most MAX_BLUEPRINT_BYTES read.
 */
async function fetchRemote(url: string, place: SourcePlace): Promise<string> {
  const target = new URL(url);
  const bare = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) && isPrivateAddress(bare)) {
    throw new DesignFirstError('DF_ERR_REF_PRIVATE_ADDRESS', `remote $ref ${url} names a private or local address`, place);
  }
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    const fail = (error: unknown): void => {
      const code = (error as { code?: string })?.code;
      if (error instanceof DesignFirstError) reject(error);
      else if (code === 'DF_PRIVATE_ADDRESS') {
        reject(new DesignFirstError('DF_ERR_REF_PRIVATE_ADDRESS', `remote $ref ${url} names a private or local address`, place));
      } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        reject(new DesignFirstError('DF_ERR_REF_REMOTE', `cannot resolve host of remote $ref ${url}`, place));
      } else {
        const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
        reject(new DesignFirstError('DF_ERR_REF_REMOTE', `cannot download remote $ref ${url}${reason}`, place));
      }
    };
    const tooLarge = (size: string): DesignFirstError => new DesignFirstError('DF_ERR_LOAD_TOO_LARGE', `remote $ref ${url} is ${size} bytes, too large`, place);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.get(
      target,
      { lookup: publicOnlyLookup, timeout: REMOTE_TIMEOUT_MS, headers: { accept: 'application/yaml, application/json, text/yaml, */*' } },
      (response: IncomingMessage) => {
        if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
          response.resume();
          const status = response.statusCode ?? 0;
          fail(new Error(`answered HTTP ${status}${status >= 300 && status < 400 ? '; redirects are not followed' : ''}`));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (declared > MAX_BLUEPRINT_BYTES) {
          request.destroy();
          reject(tooLarge(String(declared)));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > MAX_BLUEPRINT_BYTES) {
            request.destroy();
            reject(tooLarge(`more than ${MAX_BLUEPRINT_BYTES}`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(new Error('the connection closed before the document was complete'));
        });
      },
    );
    // `timeout` above is per idle socket; this bounds the whole download, so a server that drips bytes cannot hold us.
    const timedOut = (): void => {
      request.destroy(new Error(`no complete answer within ${REMOTE_TIMEOUT_MS / 1000} s`));
    };
    const deadline = setTimeout(timedOut, REMOTE_TIMEOUT_MS);
    request.on('timeout', timedOut);
    request.on('error', fail);
    request.on('close', () => clearTimeout(deadline));
  });
  return decodeText(bytes, url);
}

/**
 * A socket `lookup` that resolves every address of a host and refuses the
 * connection when any of them is private: the addresses checked are the
 * addresses connected to.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const list = addresses as unknown as LookupAddress[];
    if (list.length === 0 || list.some((entry) => isPrivateAddress(entry.address))) {
      const refused = Object.assign(new Error(`${hostname} resolves to a private or local address`), { code: 'DF_PRIVATE_ADDRESS' });
      callback(refused, '', 0);
      return;
    }
    if (options.all) (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
};

/** Addresses a remote $ref may never reach: loopback, private, link-local, shared, reserved, multicast, documentation. */
const PRIVATE_RANGES = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [
    ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
    ['100::', 64],
    ['2001::', 32],
    ['2001:db8::', 32],
    ['64:ff9b:1::', 48],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

/** Loopback, private, link-local, unique-local, reserved and unspecified addresses (IPv4 and IPv6, in any spelling). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return PRIVATE_RANGES.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  // BlockList matches IPv4-mapped addresses (::ffff:a.b.c.d, in either spelling) against the IPv4 ranges.
  if (PRIVATE_RANGES.check(bare, 'ipv6')) return true;
  // Addresses that carry an IPv4 address inside: NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
  const words = ipv6Words(bare);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0)) return isPrivateAddress(wordsToIpv4(words[6]!, words[7]!));
  if (words[0] === 0x2002) return isPrivateAddress(wordsToIpv4(words[1]!, words[2]!));
  return false;
}

function ipv6Words(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...middle, ...right].map((word) => parseInt(word, 16) || 0);
}

function wordsToIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
