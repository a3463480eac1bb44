import { type Alias, LineCounter, parseDocument, visit } from 'yaml';
import { SynthError } from './errors.js';

/**
 * The value of a YAML config's text, or a SynthError (exit code 2) naming the file and the line: a
 * syntax error, or an alias (`*name`) with no anchor (`&name`) before it, which the parser accepts
 * and only building the value would find (as a bare ReferenceError).
 */
export function parseYamlConfig(text: string, file: string, options: { merge?: boolean } = {}): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...options, lineCounter });
  const first = doc.errors[0];
  if (first) throw notValid(file, first.linePos?.[0], first.message.split('\n')[0]!);
  let unresolved: Alias | undefined;
  visit(doc, {
    Alias: (_key, node) => {
      if (node.resolve(doc)) return undefined;
      unresolved = node;
      return visit.BREAK;
    },
  });
  if (unresolved) {
    const at = unresolved.range ? lineCounter.linePos(unresolved.range[0]) : undefined;
    throw notValid(file, at, `the alias *${unresolved.source} has no anchor &${unresolved.source} before it`);
  }
  try {
    return doc.toJS();
  } catch (error) {
    // What is left for toJS to refuse is an alias bomb (too many aliases of aliases).
    if (error instanceof ReferenceError) throw notValid(file, undefined, error.message);
    throw error;
  }
}

function notValid(file: string, at: { line: number; col: number } | undefined, what: string): SynthError {
  return new SynthError(`${file}: not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${what}`);
}
