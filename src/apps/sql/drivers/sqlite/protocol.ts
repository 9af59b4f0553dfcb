/**
 * The SQLite runner's wire: requests go to the runner over its IPC channel; everything it sends
 * back travels as frames on one pipe (fd 3), in order, so a query's rows, its end and its errors
 * can never overtake each other. A frame is a type byte, a 32-bit little-endian length and the
 * payload. The runner writes synchronously, so a slow reader stops it (flat memory on exports).
 *
 * @example
 *   const r = new FrameReader(); r.push(encodeFrame('E', Buffer.from('{}'))); r.shift() // → { type: 'E', body }
 */
import type { PrivateFile } from '../../../../platform/suite-view.js';
import type { QueryMode } from '../types.js';

export type FrameType = 'H' | 'T' | 'R' | 'E' | 'X' | 'S';

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
  op: 'init';
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

/** Reassembles frames from pipe chunks, copying each frame's bytes once. */
export class FrameReader {
  #chunks: Buffer[] = [];
  #length = 0;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The length of the next frame's body, once its header has arrived. */
  #nextBodyLength(): number | undefined {
    if (this.#length < 5) return undefined;
    let head = this.#chunks[0] as Buffer;
    if (head.length < 5) {
      head = Buffer.concat(this.#chunks, this.#length);
      this.#chunks = [head];
    }
    return head.readUInt32LE(1);
  }

  /** The next complete frame, if one has arrived. */
  shift(): Frame | undefined {
    const len = this.#nextBodyLength();
    if (len === undefined || this.#length < 5 + len) return undefined;
    const all = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#length);
    const frame = { type: all.toString('latin1', 0, 1) as FrameType, body: all.subarray(5, 5 + len) };
    const rest = all.subarray(5 + len);
    this.#chunks = rest.length ? [rest] : [];
    this.#length = rest.length;
    return frame;
  }

  /** Bytes received but not yet returned as frames. */
  get buffered(): number {
    return this.#length;
  }
}
