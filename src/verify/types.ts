/** What the fact check reports. */
import type { FactRef } from '../narrative/provenance.js';

export interface VerifyProblem {
  /** The sentence, as it reads in the text checked. */
  sentence: string;
  /** What is wrong: the claim and what the ledger says (Chinese). */
  message: string;
  /** The rule that found it (list, rank, change, unverifiable, numeral …). */
  kind?: string;
  /** narrative | PDF | Word */
  where?: string;
  /** The heading the sentence stands under (一、… › （二）…). */
  heading?: string;
}

/** A number of the text and the fact it was checked against (for the workbench and factcheck.json). */
export interface ClaimRecord {
  sentence: string;
  /** Offsets into the sentence. */
  start: number;
  end: number;
  value: number;
  fact: FactRef;
}

export interface VerifyReport {
  ok: boolean;
  /** Claims checked (each number, list, superlative, rank move …). */
  claims: number;
  problems: VerifyProblem[];
  /** Claims checked by kind. */
  byKind: Record<string, number>;
  /** Sentences an editor marked as checked by hand ({{#checked "…"}}), with the reason given. */
  handChecked: { sentence: string; reason: string }[];
  /** Numbers and the facts they were checked against. */
  records: ClaimRecord[];
}

/** A figure of the document, for references (见图N) and captions. */
export interface FigureRef {
  number: number;
  id: string;
  /** map | change | bars | two-quarter … */
  kind: string;
  node: string;
  caption: string;
  needsPrevious: boolean;
  /** The heading it stands under. */
  section: string;
}

export interface VerifyOptions {
  /** Wording's lexicon (default: the built-in one). */
  lexicon?: import('../narrative/wording.js').Wording['lexicon'];
  /** narrative | PDF | Word (for messages). */
  where?: string;
  /** The document's figures in order (references and captions are checked against them). */
  figures?: FigureRef[];
  /** Other spellings of district names (old names, full names) → the name the report uses. */
  aliases?: Record<string, string>;
  /**
   * For a document's text: the narrative's sentences, already checked. The document
   * must hold each of them in order; only what else it holds is checked here.
   */
  narrativeSentences?: string[];
  /** Sentences marked as checked by hand in the narrative, by their text. */
  handChecked?: { sentence: string; reason: string }[];
}
