/**
 * Reads a PDF back for tests: its page count and text (pdf.js, as a viewer extracts it for search and
 * copy) and its pages' embedded images (pdf-lib).
 */
import { PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';

// pdf.js 6 calls Promise.withResolvers, which Node gets in 22 (engines allows 20.19): the spec's few lines.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
      return { promise, resolve, reject };
    },
  });
}

export interface ReadPdf {
  pages: number;
  /** the first page's text items, in content-stream order */
  items: string[];
  /** the items joined with nothing between them (a wrapped line continues the previous one) */
  text: string;
  /** names of the image XObjects on the first page */
  images: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await PDFDocument.load(bytes);
  const task = getDocument({ data: bytes.slice(), useSystemFonts: false });
  const pdf = await task.promise;
  const page = await pdf.getPage(1);
  const items = ((await page.getTextContent()).items as Array<{ str?: string }>).map((i) => i.str ?? '');
  const xobjects = doc.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
  const images = (xobjects?.keys() ?? []).filter((k) => xobjects?.lookup(k, PDFStream)?.dict.get(PDFName.of('Subtype'))?.toString() === '/Image').map(String);
  const pages = pdf.numPages;
  await task.destroy();
  if (doc.getPageCount() !== pages) throw new Error(`pdf-lib counts ${doc.getPageCount()} pages, pdf.js ${pages}`);
  return { pages, items, text: items.join(''), images };
}
