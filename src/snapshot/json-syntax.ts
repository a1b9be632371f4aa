/**
 * Where a JSON text first goes wrong, as line and column. `JSON.parse` errors differ between
 * engines (V8 gives a position only in some versions, Firefox its own wording), so the message a
 * user sees is computed here from a small RFC 8259 scanner, the same in every browser and Node.
 * Only called after JSON.parse has failed; iterative, so deep nesting cannot overflow the stack.
 */

export interface JsonSyntaxError {
  /** 0-based index into the text */
  index: number;
  /** 1-based line and column (column in UTF-16 code units) */
  line: number;
  column: number;
  /** true when the text ended early (a truncated file) */
  endOfText: boolean;
}

function locate(text: string, index: number): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { index, line, column: index - lineStart + 1, endOfText: index >= text.length };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const stack: Array<'[' | '{'> = [];
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  // Returns the index of a bad character in a string starting at i (a quote), or -1 with i past it.
  const string = (): number => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) return n;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return Math.min(n, i + 2);
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else return i + 1;
      } else i++;
    }
    return n;
  };
  type Expect = 'value' | 'afterValue' | 'keyOrEnd' | 'key' | 'colon' | 'valueOrEnd';
  let expect: Expect = 'value';
  for (;;) {
    ws();
    if (i >= n) return expect === 'afterValue' && stack.length === 0 ? null : locate(text, n);
    const ch = text[i];
    switch (expect) {
      case 'value':
      case 'valueOrEnd': {
        if (expect === 'valueOrEnd' && ch === ']') {
          stack.pop();
          i++;
          expect = 'afterValue';
          break;
        }
        if (ch === '{') {
          stack.push('{');
          i++;
          expect = 'keyOrEnd';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          expect = 'valueOrEnd';
        } else if (ch === '"') {
          const bad = string();
          if (bad >= 0) return locate(text, bad);
          expect = 'afterValue';
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          expect = 'afterValue';
        } else if (text.startsWith('false', i)) {
          i += 5;
          expect = 'afterValue';
        } else {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return locate(text, i);
          i = NUMBER.lastIndex;
          expect = 'afterValue';
        }
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) return locate(text, i);
        if (ch === ',') {
          i++;
          expect = top === '[' ? 'value' : 'key';
        } else if ((ch === ']' && top === '[') || (ch === '}' && top === '{')) {
          stack.pop();
          i++;
        } else return locate(text, i);
        break;
      }
      case 'keyOrEnd':
      case 'key': {
        if (expect === 'keyOrEnd' && ch === '}') {
          stack.pop();
          i++;
          expect = 'afterValue';
          break;
        }
        if (ch !== '"') return locate(text, i);
        const bad = string();
        if (bad >= 0) return locate(text, bad);
        expect = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return locate(text, i);
        i++;
        expect = 'value';
        break;
    }
  }
}

/**
 * Objects and arrays nested deeper than this are refused before parsing. The deepest file the app
 * reads (a GeoJSON MultiPolygon feature collection) nests 7 levels; `JSON.parse` accepts 100,000,
 * but `JSON.stringify`, structured clone and any recursive walk of such a value overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Where `text` first nests objects and arrays more than `max` deep (brackets inside strings do not
 * count), as a sentence for an error message; null when it does not. Iterative: linear, no stack.
 */
export function jsonDepthProblem(text: string, max = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: up to the next quote that is not escaped.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92) i++;
        else if (s === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) {
        const at = locate(text, i);
        return `nests objects and arrays more than ${max} levels deep (line ${at.line}, column ${at.column}); deeper files are refused`;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return null;
}
