/** See pdf-forms.mjs: empties, in `bytes` itself, every Form XObject that provably shows no text; returns how many. */
export declare function blankTextFreeForms(bytes: Uint8Array): number;
