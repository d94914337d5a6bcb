/** Scanner state: the text and the offset reached. */
interface Scan {
  text: string;
  i: number;
}

/** Thrown inside the scanner at the first offset that is not valid JSON. */
class JsonSyntaxStop extends Error {}

/**
 * Scans `text` as RFC 8259 JSON and returns the 0-based offset of the first syntax error, or `undefined`
 * when it is valid. `JSON.parse` gives the verdict; this only finds the position, which V8's messages do not
 * always carry ("Unexpected token '}', ... is not valid JSON" has none).
 */
export function findJsonErrorOffset(text: string): number | undefined {
  const scan: Scan = { text, i: 0 };
  try {
    value(scan);
    whitespace(scan);
    return scan.i < text.length ? scan.i : undefined;
  } catch (thrown) {
    if (thrown instanceof JsonSyntaxStop) return Math.min(scan.i, text.length);
    throw thrown;
  }
}

function stop(): never {
  throw new JsonSyntaxStop();
}

function whitespace(scan: Scan): void {
  while (scan.i < scan.text.length && ' \t\n\r'.includes(scan.text.charAt(scan.i))) scan.i += 1;
}

function value(scan: Scan): void {
  whitespace(scan);
  const ch = scan.text[scan.i];
  if (ch === '{') list(scan, '}', member);
  else if (ch === '[') list(scan, ']', value);
  else if (ch === '"') string(scan);
  else if (ch === 't') literal(scan, 'true');
  else if (ch === 'f') literal(scan, 'false');
  else if (ch === 'n') literal(scan, 'null');
  else number(scan);
}

function member(scan: Scan): void {
  if (scan.text[scan.i] !== '"') stop();
  string(scan);
  whitespace(scan);
  if (scan.text[scan.i] !== ':') stop();
  scan.i += 1;
  value(scan);
}

function list(scan: Scan, close: string, item: (scan: Scan) => void): void {
  scan.i += 1;
  whitespace(scan);
  if (scan.text[scan.i] === close) {
    scan.i += 1;
    return;
  }
  for (;;) {
    item(scan);
    whitespace(scan);
    if (scan.text[scan.i] === close) {
      scan.i += 1;
      return;
    }
    if (scan.text[scan.i] !== ',') stop();
    scan.i += 1;
    whitespace(scan);
  }
}

function literal(scan: Scan, word: string): void {
  for (const ch of word) {
    if (scan.text[scan.i] !== ch) stop();
    scan.i += 1;
  }
}

function string(scan: Scan): void {
  scan.i += 1;
  for (;;) {
    const code = scan.text.charCodeAt(scan.i);
    if (Number.isNaN(code) || code < 0x20) stop();
    if (code === 0x22) {
      scan.i += 1;
      return;
    }
    if (code !== 0x5c) scan.i += 1;
    else if (/^u[0-9a-fA-F]{4}/.test(scan.text.slice(scan.i + 1, scan.i + 6))) scan.i += 6;
    else if (scan.i + 1 < scan.text.length && '"\\/bfnrt'.includes(scan.text.charAt(scan.i + 1))) scan.i += 2;
    else stop();
  }
}

function number(scan: Scan): void {
  const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(scan.text.slice(scan.i, scan.i + 1024));
  if (!match) stop();
  scan.i += match[0].length;
}
