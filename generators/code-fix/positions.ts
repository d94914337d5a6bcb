/** Line/column helpers shared by the engines. Lines and columns are 1-based; offsets are 0-based UTF-16 indices. */

/** Converts a 0-based offset into a 1-based line and column. Offsets past the end clamp to the end. */
export function toLineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Converts a 1-based line and column into a 0-based offset (clamped to the text), or `undefined` past the last line. */
export function toOffset(text: string, line: number, column = 1): number | undefined {
  let current = 1;
  let index = 0;
  while (current < line) {
    const next = text.indexOf('\n', index);
    if (next < 0) return undefined;
    index = next + 1;
    current++;
  }
  const lineEnd = text.indexOf('\n', index);
  const limit = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(index + Math.max(0, column - 1), limit);
}
