/**
 * Where each request on a connection starts, decided on the bytes before node's HTTP parser
 * (llhttp) sees them, so the request line can be given in a form llhttp accepts. Go's server
 * takes raw bytes ≥ 0x80 in a request target (`GET /ü`); llhttp refuses them with 400 even in
 * its lenient mode. The framer escapes each such byte as `%XX` in the request line and reports
 * the target as it arrived, for apps that answer on the raw target (request-target.ts).
 *
 * Why framing: on a keep-alive connection every request has a request line, and only the
 * message lengths say where the next one starts (`Content-Length`, the chunks of a chunked
 * body). The framer follows them, and forwards bodies untouched. On anything it does not
 * follow exactly (a `Transfer-Encoding` other than chunked, both lengths, `Upgrade`, `CONNECT`)
 * it stops touching the connection: every later byte goes to llhttp as it came, which answers
 * as it always did. It never changes a byte outside a request line.
 *
 * The head (request line and headers) is held until it is complete, up to Go's limit
 * (`http.DefaultMaxHeaderBytes`, 1 MiB, plus the 4 096 bytes of Go's read-ahead): one more byte
 * and the request is too large (Go's 431). Ordinary requests arrive whole in one read and are
 * passed on as the very same buffer.
 *
 * @example
 *   const framer = new RequestFramer();
 *   const r = framer.push(Buffer.from('GET /\xfc HTTP/1.1\r\nHost: go\r\n\r\n', 'latin1'));
 *   // r.data: 'GET /%FC HTTP/1.1…', r.targets: [{ escaped: '/%FC', raw: '/\xfc' }]
 */

/** Go's default header limit: `DefaultMaxHeaderBytes` (1 MiB) plus its 4 096-byte read-ahead. */
export const GO_MAX_HEAD_BYTES = (1 << 20) + 4096;

/** A request target the framer escaped: as llhttp gets it, and as it arrived (both Latin-1). */
export interface RawTarget {
  escaped: string;
  raw: string;
}

export interface FrameResult {
  /** What to give llhttp now (possibly empty while a head is incomplete). */
  data: Buffer | undefined;
  /** The targets escaped in `data`, in order. */
  targets: RawTarget[];
  /** The head being held has passed the limit: answer 431 and close. */
  tooLarge: boolean;
}

type State = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'opaque';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;

export class RequestFramer {
  private state: State = 'head';
  /**
   * An incomplete head, held until its blank line arrives, as the reads that brought it (joined
   * once, when complete: joining at every read would copy a 1 MiB head dozens of times).
   */
  private held: Buffer[] = [];
  private heldLength = 0;
  /** Body bytes, or chunk data bytes, still to come. */
  private left = 0;
  /** In a chunk-size line: the size so far, whether a digit was seen, whether the digits ended. */
  private size = 0;
  private sawDigit = false;
  private digitsDone = false;
  /** In the trailers: bytes of the current line, not counting CR. */
  private lineLen = 0;
  /** While `pushLocating` runs: where each head begins in its chunk. */
  private heads: number[] | undefined;

  constructor(private readonly maxHead = GO_MAX_HEAD_BYTES) {}

  /** Bytes of an incomplete head held now. */
  get heldBytes(): number {
    return this.heldLength;
  }

  /** Whether the framer has stopped following this connection (see the module comment). */
  get opaque(): boolean {
    return this.state === 'opaque';
  }

  /** The bytes of the incomplete head held now, as they arrived. */
  heldHead(): Buffer {
    return Buffer.concat(this.held, this.heldLength);
  }

  /**
   * `push`, and where in `chunk` each head that begins there begins (after the empty lines
   * llhttp skips), in order: where llhttp's messages begin, for the native path (request-line.ts).
   */
  pushLocating(chunk: Buffer): FrameResult & { heads: number[] } {
    const heads: number[] = [];
    this.heads = heads;
    try {
      return { ...this.push(chunk), heads };
    } finally {
      this.heads = undefined;
    }
  }

  /** Takes the next bytes read from the connection. */
  push(chunk: Buffer): FrameResult {
    const targets: RawTarget[] = [];
    if (this.state === 'opaque') return { data: chunk, targets, tooLarge: false };
    let buf = chunk;
    if (this.heldLength > 0) {
      if (this.heldEndsIn(chunk) < 0) {
        if (this.heldLength + chunk.length > this.maxHead) return { data: undefined, targets, tooLarge: true };
        this.hold(chunk);
        return { data: undefined, targets, tooLarge: false };
      }
      buf = Buffer.concat([...this.held, chunk]);
      this.held = [];
      this.heldLength = 0;
    }
    const parts: Buffer[] = [];
    /** Start of the bytes not yet added to `parts`. */
    let from = 0;
    let pos = 0;
    while (pos < buf.length && this.state !== 'opaque') {
      if (this.state !== 'head') {
        pos = this.skipBody(buf, pos);
        continue;
      }
      // llhttp skips empty lines before a request line; they pass through.
      while (pos < buf.length && (buf[pos] === CR || buf[pos] === LF)) pos++;
      if (pos === buf.length) break;
      // A held head joined to this chunk began before it.
      if (this.heads && pos >= buf.length - chunk.length) this.heads.push(pos - (buf.length - chunk.length));
      const end = headEnd(buf, pos);
      if (end < 0) {
        if (buf.length - pos > this.maxHead) return { data: undefined, targets, tooLarge: true };
        this.hold(buf.subarray(pos));
        break;
      }
      if (end - pos > this.maxHead) return { data: undefined, targets, tooLarge: true };
      const head = analyseHead(buf, pos, end);
      if (head.target) {
        parts.push(buf.subarray(from, pos), head.line as Buffer);
        targets.push(head.target);
        from = head.lineEnd;
      }
      this.state = head.next;
      this.left = head.length;
      this.resetChunk();
      pos = end;
    }
    const stop = buf.length - this.heldLength;
    if (parts.length === 0) return { data: stop === 0 ? undefined : from === 0 && stop === buf.length ? buf : buf.subarray(from, stop), targets, tooLarge: false };
    parts.push(buf.subarray(from, stop));
    return { data: Buffer.concat(parts), targets, tooLarge: false };
  }

  private hold(part: Buffer): void {
    this.held.push(part);
    this.heldLength += part.length;
  }

  /** Whether the held head ends in `chunk`: the blank line may start in the held bytes. */
  private heldEndsIn(chunk: Buffer): number {
    const tail = lastBytes(this.held, 2);
    const seam = Buffer.concat([tail, chunk.subarray(0, 2)]);
    const end = headEnd(seam, 0);
    return end > tail.length ? end : headEnd(chunk, 0);
  }

  /** Follows a body from `pos`; returns where it stopped (the end of `buf` or of the message). */
  private skipBody(buf: Buffer, pos: number): number {
    switch (this.state) {
      case 'body':
      case 'chunk-data': {
        const n = Math.min(this.left, buf.length - pos);
        this.left -= n;
        if (this.left === 0) this.state = this.state === 'body' ? 'head' : 'chunk-end';
        return pos + n;
      }
      case 'chunk-end': {
        const lf = buf.indexOf(LF, pos);
        if (lf < 0) return buf.length;
        this.state = 'chunk-size';
        return lf + 1;
      }
      case 'chunk-size':
        return this.chunkSize(buf, pos);
      case 'trailers':
        return this.trailers(buf, pos);
      default:
        return buf.length;
    }
  }

  private chunkSize(buf: Buffer, pos: number): number {
    for (let i = pos; i < buf.length; i++) {
      const b = buf[i] as number;
      if (b === LF) {
        if (!this.sawDigit) this.state = 'opaque';
        else if (this.size === 0) {
          this.state = 'trailers';
          this.lineLen = 0;
        } else {
          this.state = 'chunk-data';
          this.left = this.size;
        }
        this.resetChunk();
        return i + 1;
      }
      const digit = this.digitsDone ? -1 : hexValue(b);
      if (digit >= 0) {
        this.size = this.size * 16 + digit;
        this.sawDigit = true;
        // llhttp refuses sizes past 64 bits; past 2^48 nobody sends, so stop following.
        if (this.size > 2 ** 48) this.state = 'opaque';
      } else this.digitsDone = true;
    }
    return buf.length;
  }

  private trailers(buf: Buffer, pos: number): number {
    for (let i = pos; i < buf.length; i++) {
      const b = buf[i];
      if (b === LF) {
        if (this.lineLen === 0) {
          this.state = 'head';
          return i + 1;
        }
        this.lineLen = 0;
      } else if (b !== CR) this.lineLen++;
    }
    return buf.length;
  }

  private resetChunk(): void {
    this.size = 0;
    this.sawDigit = false;
    this.digitsDone = false;
  }
}

/** The last `n` bytes of `parts` together (fewer if they hold fewer). */
function lastBytes(parts: Buffer[], n: number): Buffer {
  const out: Buffer[] = [];
  let have = 0;
  for (let i = parts.length - 1; i >= 0 && have < n; i--) {
    const part = parts[i] as Buffer;
    const take = part.subarray(Math.max(0, part.length - (n - have)));
    out.unshift(take);
    have += take.length;
  }
  return Buffer.concat(out);
}

/** The value of a hex digit byte, or -1. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The index just past the blank line that ends the head starting at `from`, or -1. */
export function headEnd(buf: Buffer, from: number): number {
  let lf = buf.indexOf(LF, from);
  while (lf >= 0) {
    if (buf[lf + 1] === LF) return lf + 2;
    if (buf[lf + 1] === CR && buf[lf + 2] === LF) return lf + 3;
    lf = buf.indexOf(LF, lf + 1);
  }
  return -1;
}

interface Head {
  /** What follows the head. */
  next: State;
  /** Body length, for `next === 'body'`. */
  length: number;
  /** The escaped request line, when it had bytes ≥ 0x80. */
  line?: Buffer;
  lineEnd: number;
  target?: RawTarget;
}

/** Reads the head in `buf[start, end)`: its framing, and its request line escaped if need be. */
function analyseHead(buf: Buffer, start: number, end: number): Head {
  const lineEnd = buf.indexOf(LF, start) + 1;
  let high = false;
  for (let i = start; i < lineEnd; i++) {
    if ((buf[i] as number) >= 0x80) {
      high = true;
      break;
    }
  }
  const sp = buf.indexOf(SP, start);
  const isConnect = sp - start === 7 && buf.toString('latin1', start, sp) === 'CONNECT';
  const framing = isConnect ? { next: 'opaque' as State, length: 0 } : bodyFraming(buf, lineEnd, end);
  const head: Head = { ...framing, lineEnd };
  if (high && sp >= 0 && sp < lineEnd) {
    const targetEnd = targetEndOf(buf, sp + 1, lineEnd);
    const raw = buf.toString('latin1', sp + 1, targetEnd);
    const escaped = escapeHigh(raw);
    head.target = { escaped, raw };
    head.line = Buffer.from(buf.toString('latin1', start, sp + 1) + escaped + escapeHigh(buf.toString('latin1', targetEnd, lineEnd)), 'latin1');
  }
  return head;
}

/** Go's rule: the target runs to the next space (or the end of the line). */
function targetEndOf(buf: Buffer, from: number, lineEnd: number): number {
  const sp = buf.indexOf(SP, from);
  if (sp >= 0 && sp < lineEnd) return sp;
  return buf[lineEnd - 2] === CR ? lineEnd - 2 : lineEnd - 1;
}

/** Each char from U+0080 up (one byte of the Latin-1 line) as `%XX`, as Go would escape it. */
function escapeHigh(s: string): string {
  return s.replace(/[\x80-\xff]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** What the header lines in `buf[from, end)` say follows the head (see the module comment). */
function bodyFraming(buf: Buffer, from: number, end: number): { next: State; length: number } {
  let length: number | undefined;
  let te: string | undefined;
  for (let pos = from; pos < end; ) {
    const lf = buf.indexOf(LF, pos);
    const c = (buf[pos] as number) | 0x20;
    // Only names starting with c, t or u matter: skip the rest without making strings.
    if (c === 0x63 || c === 0x74 || c === 0x75) {
      const colon = buf.indexOf(0x3a, pos);
      if (colon > pos && colon < lf) {
        const name = buf.toString('latin1', pos, colon).toLowerCase();
        const value = buf.toString('latin1', colon + 1, lf).trim();
        if (name === 'content-length') {
          if (!/^\d+$/.test(value) || (length !== undefined && length !== Number(value))) return OPAQUE;
          length = Number(value);
        } else if (name === 'transfer-encoding') te = te === undefined ? value : `${te},${value}`;
        else if (name === 'upgrade') return OPAQUE;
      }
    }
    pos = lf + 1;
  }
  if (te !== undefined) {
    const last = te.split(',').pop()?.trim().toLowerCase();
    return length === undefined && last === 'chunked' ? { next: 'chunk-size', length: 0 } : OPAQUE;
  }
  return length ? { next: 'body', length } : { next: 'head', length: 0 };
}

const OPAQUE = { next: 'opaque' as State, length: 0 };
