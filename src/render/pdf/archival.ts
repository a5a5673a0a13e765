/**
 * The PDF as an archival document (PDF/A): PDFKit writes the pdfaid XMP, the
 * sRGB OutputIntent (with the IEC 61966-2.1 profile PDFKit ships) and embeds
 * the fonts; this module adds what PDFKit leaves out — xmp:ModifyDate and
 * xmp:MetadataDate equal to the Info dictionary's dates — and the attachments: with any, the file is PDF/A-3b and each
 * attachment an associated file (catalog /AF, AFRelationship, MIME subtype,
 * dates), so an issued report carries the data it states; without, PDF/A-2b.
 */
import type { FinishingDocument } from './pdfmake-adapter.js';

export interface PdfAttachment {
  /** File name as listed by a reader (pdfdetach -list), e.g. facts.json. */
  name: string;
  data: Uint8Array;
  /** MIME type, e.g. application/json, text/csv. */
  mime: string;
  description: string;
  /** How it relates to the document (PDF/A-3 AFRelationship): Source (what it was made from), Data (what it states). */
  relationship: 'Source' | 'Data' | 'Supplement' | 'Alternative' | 'Unspecified';
}

/** The PDF/A part this document conforms to. */
export function pdfaSubset(attachments: readonly PdfAttachment[]): 'PDF/A-3b' | 'PDF/A-2b' {
  return attachments.length > 0 ? 'PDF/A-3b' : 'PDF/A-2b';
}

/** XMP date of a Date: ISO 8601 to the second, UTC (the form PDFKit writes for xmp:CreateDate). */
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

/**
 * xmp:ModifyDate and xmp:MetadataDate, equal to Info's ModDate. (The custom
 * document properties stay out of the XMP: PDF/A admits other schemas only
 * with an extension schema description; 期号 and the sample mark are printed
 * on every page and the mark is in the keywords.)
 */
function datesXmp(date: Date): string {
  return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + `<xmp:ModifyDate>${xmpDate(date)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(date)}</xmp:MetadataDate>` + `</rdf:Description>`;
}

/** The finishing step of a final pass: metadata and attachments, in the given order (deterministic). */
export function finishArchival(date: Date, attachments: readonly PdfAttachment[]): (doc: FinishingDocument) => void {
  return (doc) => {
    doc.appendXML(datesXmp(date));
    for (const a of attachments) {
      doc.file(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength), {
        name: a.name,
        type: a.mime,
        description: a.description,
        relationship: a.relationship,
        creationDate: date,
        modifiedDate: date,
      });
    }
  };
}
