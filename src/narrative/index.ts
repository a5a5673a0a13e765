export { renderNarrative, narrativeToMarkdown, tidyParagraph } from './render.js';
export { createTemplateEngine, registerHelpers, engineOf, strictContext, TemplateError, UnknownFieldError, DEFAULT_TEMPLATES_DIR, MAIN_TEMPLATE } from './engine.js';
export { buildContext, previousQuarterLabel, type NarrativeContext } from './context.js';
export { loadWording, wordingSchema, type Wording } from './wording.js';
export * from './format.js';
export type { Narrative, NarrativeBlock, RenderOptions } from './types.js';
