/**
 * The repository's docs (docs/method.md, docs/data-sources.md) as sections the app's Method view
 * shows. marked's lexer turns the Markdown into tokens; the view renders them as Svelte elements and
 * text, never as HTML strings. A section is a heading with everything up to the next heading of the
 * same or a higher level; its id is the doc and the heading's number ("method-1", "sources-4.1"),
 * or a slug of its title ("method-calibration").
 */
import { Lexer, type Token, type Tokens } from 'marked';
import methodText from '../../docs/method.md?raw';
import sourcesText from '../../docs/data-sources.md?raw';

export type DocId = 'method' | 'sources';

export const DOC_TITLES: ReadonlyMap<DocId, string> = new Map([
  ['method', 'Method'],
  ['sources', 'Data sources'],
]);

export interface DocSection {
  id: string;
  title: string;
  depth: number;
  /** the heading and its body */
  tokens: Token[];
}

export function sectionId(doc: DocId, heading: string): string {
  const num = /^(\d+(?:\.\d+)*)\.?\s/.exec(heading);
  if (num) return `${doc}-${num[1]}`;
  return `${doc}-${heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** Sections of a Markdown text, in order; the text before the first `##` is section "<doc>-intro". */
export function sectionsOf(doc: DocId, markdown: string): DocSection[] {
  const tokens = new Lexer().lex(markdown);
  const out: DocSection[] = [];
  let current: DocSection = { id: `${doc}-intro`, title: DOC_TITLES.get(doc) ?? doc, depth: 1, tokens: [] };
  for (const t of tokens) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth >= 2) {
      const h = t as Tokens.Heading;
      if (current.tokens.length) out.push(current);
      current = { id: sectionId(doc, h.text), title: h.text, depth: h.depth, tokens: [t] };
    } else current.tokens.push(t);
  }
  if (current.tokens.length) out.push(current);
  return out;
}

let cache: Map<DocId, DocSection[]> | null = null;

/** Both docs, parsed once. */
/** A link whose text is a file name ("[data-sources.md](data-sources.md)") reads as what it is in the view. */
function readableLinks(md: string): string {
  return md.replace(/\[data-sources\.md\]/g, '[the sources]').replace(/\[method\.md\]/g, '[the method]');
}

export function docs(): Map<DocId, DocSection[]> {
  cache ??= new Map<DocId, DocSection[]>([
    ['method', sectionsOf('method', readableLinks(methodText))],
    ['sources', sectionsOf('sources', readableLinks(sourcesText))],
  ]);
  return cache;
}

/**
 * Where a link inside the docs goes: another section of the docs ("data-sources.md#…",
 * "#calibration"), or out of the app (an http(s) source). Anything else is shown as plain text.
 */
export function linkTarget(doc: DocId, href: string): { kind: 'section'; doc: DocId; id: string } | { kind: 'external'; href: string } | null {
  if (/^https?:\/\//i.test(href)) return { kind: 'external', href };
  const m = /^(?:(method|data-sources)\.md)?(?:#(.*))?$/.exec(href);
  if (!m) return null;
  const target: DocId = m[1] === 'data-sources' ? 'sources' : m[1] === 'method' ? 'method' : doc;
  const anchor = m[2] ?? '';
  return { kind: 'section', doc: target, id: anchor ? `${target}-${anchor}` : `${target}-intro` };
}

/**
 * The docs section a source line cites, if any: "Sources §x.y" is docs/data-sources.md's section
 * x.y, "Method §n" docs/method.md's section n (the data files cite both).
 */
export function citedSection(text: string): string | null {
  const m = /(Sources|Method)\s*§\s*(\d+(?:\.\d+)?)/.exec(text);
  return m ? `${m[1] === 'Sources' ? 'sources' : 'method'}-${m[2]}` : null;
}
