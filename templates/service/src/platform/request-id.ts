/**
 * New request ids: 128 random bits as 32 lower-case hex digits, the form of a
 * W3C trace id. The bits come from Node's CSPRNG, drawn 256 ids at a time into
 * one buffer, so ids cannot be guessed from one another, as with a random UUID.
 *
 * Why not `crypto.randomUUID()`: Node builds its UUID by joining some twenty
 * short strings, and that joined string is copied again by the header check,
 * the header block and the socket write of every answer that carries it. One
 * hex slice of a buffer is a single flat string from the start. On the serve
 * benchmark's GET (docs/runtime.md, "The request id") this took 2 µs of CPU
 * off a request of 29, more than any other single step.
 */
import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16;
const pool = Buffer.allocUnsafe(ID_BYTES * 256);
let next = pool.length;

export function newRequestId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('hex', next, next + ID_BYTES);
  next += ID_BYTES;
  return id;
}
