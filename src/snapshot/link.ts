/**
 * The share link (issue 5 item 2): scenario → JSON → raw DEFLATE (fflate) → base64url, in the URL
 * hash as `#s=1.<payload>`. The `1` is the link format; a new format gets a new number and the
 * old decoders stay, so old links keep opening. Decoding never throws: every failure is a
 * FieldError under `link`, and the scenario in use is untouched.
 */
import { deflateSync } from 'fflate';
import { inflateCapped } from '../files/packed-bytes';
import type { Result } from '../sim/contract';
import { parseScenario, type Scenario } from './scenario';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { jsonDepthProblem } from './json-syntax';

/** The link format this app writes. */
export const LINK_FORMAT = 1;
/** Beyond about this many characters some chat apps and browsers cut URLs: offer the JSON file. */
export const MAX_LINK_CHARS = 2000;
/** Refuse payloads that inflate beyond this (a 1 KB "zip bomb" can inflate to 1 MB per KB). */
export const MAX_DECOMPRESSED_BYTES = 1_000_000;
// Deflate never expands by more than a few bytes per 16 KB block, so anything longer than this
// cannot be a link we wrote; checked before decoding so a huge hash costs nothing.
const MAX_PAYLOAD_CHARS = Math.ceil((MAX_DECOMPRESSED_BYTES * 1.01 * 4) / 3) + 64;

const FIELD = 'link';
const fail = (message: string): Result<never> => ({ ok: false, errors: [{ field: FIELD, message }] });
const damaged = (why: string) => fail(`the link is damaged: ${why}`);
const TRUNCATED = 'it ends before the scenario does (was it cut off when copied?)';

/** A share link. */
export interface EncodedLink {
  /** `#s=1.<payload>`, ready for `location.hash` */
  hash: string;
  /** characters in the whole link: `baseLength` (the page address) + the hash */
  length: number;
  /** longer than MAX_LINK_CHARS: offer the JSON file instead */
  tooLong: boolean;
}

/** Encodes a scenario as a link hash. `baseLength` is the length of the address before the `#`. */
export function encodeLink(scenario: Scenario, baseLength = 0): EncodedLink {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  const hash = `#s=${LINK_FORMAT}.${encodeBase64Url(deflateSync(json, { level: 9 }))}`;
  const length = baseLength + hash.length;
  return { hash, length, tooLong: length > MAX_LINK_CHARS };
}

/** Inflates with a running size check (src/files/packed-bytes.ts), naming what went wrong. */
function inflateLink(bytes: Uint8Array): Result<Uint8Array> {
  const r = inflateCapped(bytes, MAX_DECOMPRESSED_BYTES);
  if (r.ok) return { ok: true, value: r.bytes };
  if (r.why === 'too-big') return fail(`the link holds more than ${MAX_DECOMPRESSED_BYTES / 1_000_000} MB of data; no scenario is that large`);
  return damaged(r.why === 'truncated' ? TRUNCATED : 'its data is garbled (was it edited by hand?)');
}

function decodeV1(payload: string): Result<Scenario> {
  if (payload.length > MAX_PAYLOAD_CHARS) return fail('the link is far too long to be a scenario link');
  const bytes = decodeBase64Url(payload);
  if (!bytes) {
    return payload.length % 4 === 1
      ? damaged(TRUNCATED)
      : damaged('it contains characters a scenario link never has (was it edited by hand?)');
  }
  const inflated = inflateLink(bytes);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.value);
  } catch {
    return damaged('its data is garbled (was it edited by hand?)');
  }
  if (jsonDepthProblem(text)) return damaged('its data is nested too deeply (was it edited by hand?)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trimEnd().endsWith('}') ? damaged('its data is garbled (was it edited by hand?)') : damaged(TRUNCATED);
  }
  return parseScenario(json, FIELD);
}

/** Link decoders by format number: never remove one, old links must keep opening. */
const DECODERS: Readonly<Record<number, (payload: string) => Result<Scenario>>> = { 1: decodeV1 };

/**
 * Reads a scenario from a URL hash (`#s=1.…`, with or without `#`, possibly among other `&`
 * parameters) or a whole URL. Never throws.
 */
export function decodeLink(hash: string): Result<Scenario> {
  try {
    if (typeof hash !== 'string') return fail('no link was given');
    const fragment = hash.includes('#') ? hash.slice(hash.indexOf('#') + 1) : hash;
    const param = fragment.split('&').find((p) => p.startsWith('s='));
    if (param === undefined) return fail('this link holds no scenario (no "s=" part after the #)');
    const value = param.slice(2);
    const dot = value.indexOf('.');
    if (dot < 0) return /^\d*$/.test(value) ? damaged(TRUNCATED) : damaged('it has no format number (expected s=1.…)');
    const formatText = value.slice(0, dot);
    if (!/^\d{1,6}$/.test(formatText)) return damaged('its format number is not a number');
    const format = Number(formatText);
    const decoder = DECODERS[format];
    if (!decoder) {
      return fail(
        format > LINK_FORMAT
          ? `unknown link format v${format}: it was made by a newer version of this app, which reads link formats up to v${LINK_FORMAT}`
          : `unknown link format v${format}`,
      );
    }
    return decoder(value.slice(dot + 1));
  } catch (e) {
    return damaged(`it could not be read (${String(e)})`);
  }
}
