/**
 * Strict UTF-8 decoding, for everything paste takes in as text (request bodies, the CLI's input):
 * the text, or undefined when any byte sequence is invalid. Paste refuses bytes rather than
 * repairing them: a lenient decoder turns them into U+FFFD, and a binary file would be stored
 * damaged. A leading byte-order mark is kept as content, so the text keeps every byte it came with.
 *
 * @example
 *   strictUtf8(Buffer.from('héllo'))  // 'héllo'
 *   strictUtf8(Uint8Array.of(0xff))   // undefined
 */

// A non-streaming decode() starts afresh each call, so one decoder serves every caller.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or undefined if they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
