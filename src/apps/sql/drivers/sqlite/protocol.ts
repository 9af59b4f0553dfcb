/**
 * The SQLite runner's wire: frames both ways. Requests go down one pipe (fd 4 in the runner: an
 * `I` frame first, then a `Q` frame per request, JSON), and everything the runner sends back
 * travels as frames on another (fd 3), in order, so a query's rows, its end and its errors can
 * never overtake each other, and the answers to several requests sent at once come back one
 * after the other. (Node's IPC channel cost twice as much per request as a plain pipe write.) A frame is a type byte, a 32-bit little-endian length and the
 * payload. The runner writes synchronously and the parent stops reading when its reader is behind
 * (see `job.ts`), so a slow client stops the runner, and encoded text comes in frames of at most
 * {@link MAX_TEXT_FRAME} bytes, so even one huge value streams with flat memory.
 *
 * @example
 *   const r = new FrameReader(); r.push(encodeFrame('E', Buffer.from('{}'))); r.shift() // → { type: 'E', body }
 */
import type { PrivateFile } from '../../../../platform/suite-view.js';
import type { QueryMode } from '../types.js';

/** Runner to parent: H head, T text, R rows, E end, X error, S schema; parent to runner: I init, Q request. */
export type FrameType = 'H' | 'T' | 'R' | 'E' | 'X' | 'S' | 'I' | 'Q';

export interface Frame {
  type: FrameType;
  body: Buffer;
}

export interface RunnerTarget {
  /** Absolute path; '' when `memory`. */
  path: string;
  memory: boolean;
  /**
   * Expose the file only through these views (name → SELECT on the file): queries then run on an
   * empty in-memory database where each view is a read-only virtual table, so nothing else in
   * the file can be named (the paste database's hidden pastes).
   */
  views?: Record<string, string>;
}

/** The first message a runner gets: the files it must refuse to open (checked by path and inode right before opening). */
export interface RunnerInit {
  protectedFiles: readonly PrivateFile[];
}

export interface RunnerRequest {
  op: 'query' | 'schema';
  target: RunnerTarget;
  sql: string;
  mode: QueryMode;
  maxRows: number;
  /** When counting must stop (epoch ms; 0 = no limit). */
  countDeadline: number;
}

/** A request as its frame. */
export function encodeRequest(req: RunnerRequest): Buffer {
  return encodeTextFrame('Q', JSON.stringify(req));
}

/** Which connection of a runner a request uses: one per file, and one per file seen through views. */
export function targetKey(target: RunnerTarget): string {
  return `${target.views ? 'views:' : ''}${target.memory ? ':memory:' : target.path}`;
}

/** Error frame payload. */
export interface RunnerError {
  kind: 'refused' | 'database';
  message: string;
}

/** Encodes one frame. */
export function encodeFrame(type: FrameType, body: Buffer): Buffer {
  const head = Buffer.allocUnsafe(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Encodes a frame whose body is text, with a single copy. */
export function encodeTextFrame(type: FrameType, text: string): Buffer {
  const len = Buffer.byteLength(text);
  const frame = Buffer.allocUnsafe(5 + len);
  frame.write(type, 0, 'latin1');
  frame.writeUInt32LE(len, 1);
  frame.write(text, 5);
  return frame;
}

/**
 * The most text one frame carries: a longer encoded answer (a 64 MiB value in a CSV export) is
 * cut into frames of this size, so the parent streams it and never holds more than a frame or two.
 */
export const MAX_TEXT_FRAME = 1 << 20;

const HEAD = 5;

/**
 * Reassembles frames from pipe chunks, copying each frame's bytes at most once: a frame that lies
 * inside one chunk is a view of it; one that spans chunks is written into its own buffer as its
 * pieces arrive (a 64 MiB frame costs 64 MiB, never twice that while it is joined).
 */
export class FrameReader {
  #ready: Frame[] = [];
  #readyBytes = 0;
  /** The next frame's header so far. */
  #head = Buffer.alloc(HEAD);
  #headFill = 0;
  /** The body being assembled once its header is known. */
  #body: Buffer | undefined;
  #bodyFill = 0;

  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.#body === undefined) {
        const n = Math.min(HEAD - this.#headFill, chunk.length - off);
        chunk.copy(this.#head, this.#headFill, off, off + n);
        this.#headFill += n;
        off += n;
        if (this.#headFill < HEAD) return;
        const len = this.#head.readUInt32LE(1);
        if (chunk.length - off >= len) {
          this.#complete(chunk.subarray(off, off + len));
          off += len;
          continue;
        }
        this.#body = Buffer.allocUnsafe(len);
        this.#bodyFill = 0;
      }
      const n = chunk.copy(this.#body, this.#bodyFill, off);
      this.#bodyFill += n;
      off += n;
      if (this.#bodyFill === this.#body.length) this.#complete(this.#body);
    }
  }

  #complete(body: Buffer): void {
    this.#ready.push({ type: this.#head.toString('latin1', 0, 1) as FrameType, body });
    this.#readyBytes += HEAD + body.length;
    this.#headFill = 0;
    this.#body = undefined;
    this.#bodyFill = 0;
  }

  /** The next complete frame, if one has arrived. */
  shift(): Frame | undefined {
    const frame = this.#ready.shift();
    if (frame) this.#readyBytes -= HEAD + frame.body.length;
    return frame;
  }

  /** Bytes of complete frames not yet shifted (what a slow reader lets pile up). */
  get readyBytes(): number {
    return this.#readyBytes;
  }

  /** Bytes received but not yet returned as frames (complete or not). */
  get buffered(): number {
    return this.#readyBytes + this.#headFill + this.#bodyFill;
  }
}
