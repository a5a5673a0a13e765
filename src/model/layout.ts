/**
 * Layout decisions written back into the document model, so that every
 * renderer follows the same ones (the PDF's layout planner decides, the DOCX
 * reads them from the model).
 */
import type { DocumentModel } from './types.js';

/** The model with the given figures (by number) set to a scale; other blocks shared, the input left as it is. */
export function withFigureScales(model: DocumentModel, scales: ReadonlyMap<number, number>): DocumentModel {
  if (scales.size === 0) return model;
  return {
    ...model,
    blocks: model.blocks.map((b) => (b.type === 'figure' && scales.has(b.number) ? { ...b, scale: scales.get(b.number) } : b)),
  };
}
