/** The code editor: CodeMirror 6 with YAML or Handlebars highlighting, line numbers, and a marked error line. */
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet, keymap } from '@codemirror/view';
import { StreamLanguage, type StringStream } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';

/** {{…}} tags of Handlebars stand out from the Chinese text around them. */
const handlebars = StreamLanguage.define<{ inTag: boolean; comment: boolean }>({
  startState: () => ({ inTag: false, comment: false }),
  token(stream: StringStream, state) {
    if (state.comment) {
      if (stream.skipTo('--}}')) {
        stream.match('--}}');
        state.comment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (!state.inTag) {
      if (stream.match('{{!--')) {
        state.comment = true;
        return 'comment';
      }
      if (stream.match(/^\{\{!.*?\}\}/)) return 'comment';
      if (stream.match(/^\{\{\{?[#/^>~]?/)) {
        state.inTag = true;
        return 'keyword';
      }
      while (stream.next() != null && !stream.match('{{', false));
      return null;
    }
    if (stream.match(/^~?\}\}\}?/)) {
      state.inTag = false;
      return 'keyword';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"/)) return 'string';
    if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
    if (stream.match(/^(if|else|each|unless|with|as)\b/)) return 'keyword';
    if (stream.match(/^[\w.@/-]+(?==)/)) return 'attributeName';
    if (stream.match(/^[^\s}"=()]+/)) return 'variableName';
    stream.next();
    return null;
  },
});

const setError = StateEffect.define<number | null>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects)
      if (e.is(setError)) {
        if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(tr.state.doc.line(e.value).from)]);
      }
    return tr.docChanged ? deco.map(tr.changes) : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export class CodeEditor {
  readonly view: EditorView;
  private readonly language = new Compartment();
  constructor(parent: HTMLElement, onSave: () => void, onChange: () => void) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (onSave(), true) }]), basicSetup, this.language.of([]), errorLine, EditorView.lineWrapping, EditorView.updateListener.of((u) => u.docChanged && onChange())],
      }),
    });
  }
  load(text: string, path: string): void {
    const lang: Extension = path.endsWith('.yaml') ? yaml() : handlebars;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, effects: [this.language.reconfigure(lang), setError.of(null)] });
  }
  get text(): string {
    return this.view.state.doc.toString();
  }
  /** Marks a line as the error's (null clears) and scrolls to it. */
  markLine(line: number | null): void {
    const effects: StateEffect<unknown>[] = [setError.of(line)];
    if (line !== null && line >= 1 && line <= this.view.state.doc.lines) effects.push(EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: 'center' }));
    this.view.dispatch({ effects });
  }
}
